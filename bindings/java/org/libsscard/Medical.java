/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/** The on-card medical account (struct sscard_medical); "" when absent. */
public record Medical(long balanceFen, String updated, String category, String profile) {
    static Medical of(Native.MedicalAccount m) {
        return new Medical(m.balance_fen, Native.text(m.updated), Native.text(m.category),
                Native.text(m.profile));
    }
}
