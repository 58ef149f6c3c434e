/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/** A card or reader event (struct sscard_event); atr is "" but for an insertion. */
public record CardEvent(Type type, String reader, String atr) {
    /** enum sscard_event_type */
    public enum Type { INSERTED, REMOVED, READER_ADDED, READER_REMOVED, UNKNOWN }

    static CardEvent of(Native.Event ev) {
        Type[] types = Type.values();
        StringBuilder atr = new StringBuilder();
        long n = ev.atr_len.longValue();
        for (int i = 0; i < n && i < ev.atr.length; i++) {
            atr.append(String.format("%02X", ev.atr[i] & 0xFF));
        }
        return new CardEvent(ev.type >= 1 && ev.type <= 4 ? types[ev.type - 1] : Type.UNKNOWN,
                Native.text(ev.reader), atr.toString());
    }
}
