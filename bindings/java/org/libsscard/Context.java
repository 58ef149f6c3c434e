/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The PC/SC context (sscard_ctx).  Use it, and the cards it connects, from
 * one thread; close it after its cards.
 */
public final class Context implements AutoCloseable {
    private Pointer handle;

    public Context() throws SSCardException {
        PointerByReference ctx = new PointerByReference();
        SSCardException.check(Native.LIB.sscard_ctx_new(ctx));
        handle = ctx.getValue();
    }

    Pointer handle() throws SSCardException {
        if (handle == null) {
            throw SSCardException.of(-70, 0, -1);
        }
        return handle;
    }

    /** The card in reader; null: the first social security card. */
    public Card connect(String reader) throws SSCardException {
        return new Card(this, reader);
    }

    public Card connect() throws SSCardException {
        return connect(null);
    }

    /** sscard-info --doctor --json's report. */
    public String doctorJson() throws SSCardException {
        PointerByReference json = new PointerByReference();
        SSCardException.check(Native.JSON.sscard_doctor_json(handle(), json));
        return Native.take(json);
    }

    /**
     * The next event, at most timeoutMs (negative: for ever); null at the
     * timeout or after cancel().  The cards already present come first.
     */
    public CardEvent nextEvent(int timeoutMs) throws SSCardException {
        Native.Event ev = new Native.Event();
        int rv = Native.LIB.sscard_wait_event(handle(), timeoutMs, ev);
        if (rv == -5 || rv == -8) {
            return null;
        }
        SSCardException.check(rv);
        return CardEvent.of(ev);
    }

    /** Wake a nextEvent() waiting on another thread. */
    public void cancel() {
        Pointer h = handle;
        if (h != null) {
            Native.LIB.sscard_cancel(h);
        }
    }

    /**
     * Events to listener on a thread of their own, with a context of its
     * own, until the watcher is closed.
     */
    public static Watcher watch(CardListener listener) throws SSCardException {
        return new Watcher(listener);
    }

    @Override
    public void close() {
        if (handle != null) {
            Native.LIB.sscard_ctx_free(handle);
            handle = null;
        }
    }
}
