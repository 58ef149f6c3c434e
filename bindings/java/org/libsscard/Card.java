/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * One card in one reader (sscard_connect).  Close it: a verified PIN does
 * not outlive it.  A Card that is never closed is let go by the garbage
 * collector's cleaner thread, where the library resets the card at once
 * (sscard_disconnect from another thread).
 */
public final class Card implements AutoCloseable {
    /** sscard_read_json's parts (sscard-json.h). */
    public static final int CARD = 0x01, PHOTO = 0x02, PIN = 0x04, MEDICAL = 0x08,
            BANK = 0x10, AUTH = 0x20, STATS = 0x40;

    private static final Cleaner CLEANER = Cleaner.create();

    /** What close() or the cleaner lets go: it never refers to the Card. */
    private static final class Release implements Runnable {
        private Pointer card;
        private Pointer keys;

        @Override
        public synchronized void run() {
            if (card != null) {
                Native.LIB.sscard_disconnect(card);
                card = null;
            }
            if (keys != null) {
                Native.LIB.sscard_keys_free(keys);
                keys = null;
            }
        }
    }

    private Pointer handle;
    private Pointer keys;
    private final Context context;
    private final String reader;
    private final Release release = new Release();
    private final Cleaner.Cleanable cleanable;

    Card(Context context, String readerName) throws SSCardException {
        PointerByReference card = new PointerByReference();
        SSCardException.check(Native.LIB.sscard_connect(context.handle(), readerName, card));
        this.context = context;
        handle = card.getValue();
        release.card = handle;
        cleanable = CLEANER.register(this, release);
        reader = Native.LIB.sscard_reader_name(handle);
    }

    /**
     * Authenticate the terminal with the PSAM in psamReader (null: the
     * first slot holding one), as certified terminals do, so that the
     * photo, a 3.0 card's holder data and the medical amount can be read.
     * Returns the PSAM's terminal number.
     */
    public String usePsam(String psamReader) throws SSCardException {
        PointerByReference found = new PointerByReference();
        SSCardException.check(Native.LIB.sscard_keys_from_psam(context.handle(), psamReader,
                found));
        int rv = Native.LIB.sscard_use_keys(live(), found.getValue());
        if (rv < 0) {
            Native.LIB.sscard_keys_free(found.getValue());
            throw failed(rv);
        }
        if (keys != null) {
            Native.LIB.sscard_keys_free(keys);
        }
        keys = found.getValue();
        synchronized (release) {
            release.keys = keys;
        }
        return Native.LIB.sscard_keys_terminal(keys);
    }

    private Pointer live() throws SSCardException {
        if (handle == null) {
            throw SSCardException.of(-70, 0, -1);
        }
        return handle;
    }

    private SSCardException failed(int rv) {
        return SSCardException.of(rv, handle != null ? Native.LIB.sscard_last_sw(handle) : 0, -1);
    }

    public String reader() {
        return reader;
    }

    /**
     * The card and holder data.  A holder part that could not be read
     * (terminal authentication needed, a malformed field) is in
     * holderStatus, not thrown: the card part is valid.
     */
    public Basic readBasic() throws SSCardException {
        Native.Basic b = new Native.Basic();
        int rv = Native.LIB.sscard_read_basic(live(), b);
        if (rv < 0 && b.holder_status == 0) {
            throw failed(rv);
        }
        Basic basic = Basic.of(reader, b);
        b.clear();
        return basic;
    }

    /** The parts asked, as the document sscard-info --json prints. */
    public String readJson(int parts) throws SSCardException {
        PointerByReference json = new PointerByReference();
        int rv = Native.JSON.sscard_read_json(live(), parts, 0, json);
        String doc = Native.take(json);
        if (doc == null) {
            throw failed(rv);
        }
        return doc;
    }

    public PinState pinStatus() throws SSCardException {
        Native.PinStatus p = new Native.PinStatus();
        int rv = Native.LIB.sscard_pin_status(live(), p);
        if (rv < 0) {
            throw failed(rv);
        }
        return PinState.of(p);
    }

    /**
     * Verify the holder's PIN (4..12 digits); the array is wiped before
     * this returns.  PinException: wrong (triesLeft), locked, the last try
     * (unless confirmLastTry), format.  The PIN is in no message.
     */
    public void verifyPin(char[] pin, boolean confirmLastTry) throws SSCardException {
        if (pin == null) {
            throw SSCardException.of(-52, 0, -1);
        }
        byte[] bytes = new byte[pin.length + 1];
        for (int i = 0; i < pin.length; i++) {
            // a NUL would end the PIN early in C: refused as malformed
            bytes[i] = pin[i] != 0 && pin[i] < 0x80 ? (byte) pin[i] : (byte) '?';
        }
        IntByReference tries = new IntByReference(-1);
        int rv;
        try {
            rv = Native.LIB.sscard_pin_verify(live(), bytes, confirmLastTry ? 1 : 0, tries);
        } finally {
            Native.LIB.sscard_cleanse(bytes, new NativeLong(bytes.length));
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(pin, '\0');
        }
        if (rv < 0) {
            boolean sentToCard = rv != -52 && rv != -54 && rv != -58;
            throw SSCardException.of(rv, sentToCard ? Native.LIB.sscard_last_sw(handle) : 0,
                    tries.getValue());
        }
    }

    /** The medical account; PinException (-53) without a verified PIN. */
    public Medical readMedical() throws SSCardException {
        Native.MedicalAccount m = new Native.MedicalAccount();
        int rv = Native.LIB.sscard_medical_read(live(), m);
        if (rv < 0) {
            throw failed(rv);
        }
        return Medical.of(m);
    }

    @Override
    public void close() {
        cleanable.clean();      /* once: a second close does nothing */
        handle = null;
        keys = null;
    }

    @Override
    public String toString() {
        return "Card[" + reader + (handle == null ? ", closed]" : "]");
    }
}
