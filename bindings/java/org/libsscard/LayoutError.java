/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/** This binding's copy of a struct is not the library's: nothing is called. */
public class LayoutError extends Error {
    private static final long serialVersionUID = 1L;

    public LayoutError(String message) {
        super(message);
    }
}
