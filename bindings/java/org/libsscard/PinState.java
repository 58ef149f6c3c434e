/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/** The PIN's state (struct sscard_pin_info); triesLeft -1 when unknown. */
public record PinState(State state, int triesLeft) {
    /** enum sscard_pin_state */
    public enum State { UNKNOWN, NOT_VERIFIED, VERIFIED, LOCKED }

    static PinState of(Native.PinStatus p) {
        State[] states = State.values();
        return new PinState(p.state >= 0 && p.state < states.length ? states[p.state]
                : State.UNKNOWN, p.tries_left);
    }
}
