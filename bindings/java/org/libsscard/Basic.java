/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/**
 * The card and holder data (struct sscard_basic).  Strings are "" when
 * the card has no such field; holderStatus is 0, or the error that kept
 * the holder part from being read (its fields then "").
 */
public record Basic(String reader, String idCode, String region, String cardType,
        String version, String issued, String expires, String number, boolean numberCheckOk,
        boolean testCard, boolean expired, boolean temporary, int holderStatus, String ssn,
        String name, String sex, String sexZh, String nationZh, String birthplace,
        String birthDate) {

    static Basic of(String reader, Native.Basic b) {
        return new Basic(reader, Native.text(b.id_code), Native.text(b.region),
                Native.text(b.card_type), Native.text(b.version), Native.text(b.issued),
                Native.text(b.expires), Native.text(b.number), b.number_check_ok != 0,
                b.test_card != 0, b.expired != 0, b.temporary != 0, b.holder_status,
                Native.text(b.ssn), Native.text(b.name), Native.text(b.sex_en),
                Native.text(b.sex_zh), Native.text(b.nation_zh), Native.text(b.birthplace),
                Native.text(b.birth_date));
    }

    /** The card number masked as every default output masks it. */
    @Override
    public String toString() {
        String shown = number.length() > 4 ? number.substring(0, 2) + "*".repeat(number.length()
                - 4) + number.substring(number.length() - 2) : number;
        return "Basic[reader=" + reader + ", number=" + shown + ", expires=" + expires + "]";
    }
}
