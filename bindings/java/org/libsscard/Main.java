/*
 * java -jar sscard.jar [READER]: the card as sscard-info --json prints it.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/** The jar's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String reader = args.length > 0 ? args[0] : null;
        try (Context ctx = new Context(); Card card = ctx.connect(reader)) {
            System.out.println(card.readJson(Card.CARD));
        } catch (SSCardException e) {
            com.sun.jna.ptr.PointerByReference json = new com.sun.jna.ptr.PointerByReference();
            Native.JSON.sscard_error_json(reader, e.code(), 0, json);
            System.out.println(Native.take(json));
            System.exit(1);
        }
    }
}
