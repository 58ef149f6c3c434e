/*
 * The Java binding with a PSAM: a 3.0 card that guards its holder data
 * (profile auth3) and the virtual PSAM in the second reader; run by
 * tests/bindings/run inside tests/harness/with-pcscd --profile auth3
 * --psam psam.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SSCardPsamTest {
    @Test
    public void withoutThePsamTheHolderIsMissing() throws Exception {
        try (Context ctx = new Context(); Card card = ctx.connect()) {
            Basic b = card.readBasic();
            assertEquals("A30003002", b.number());
            assertEquals(-28, b.holderStatus());
            assertEquals("", b.name());
        }
    }

    @Test
    public void withThePsamTheHolderAndTheAuthentication() throws Exception {
        try (Context ctx = new Context(); Card card = ctx.connect()) {
            assertFalse(card.usePsam(null).isEmpty());
            Basic b = card.readBasic();
            assertEquals(0, b.holderStatus());
            assertEquals("林岩", b.name());
            String auth = card.readJson(Card.AUTH);
            assertTrue(auth, auth.contains("\"auth\":{\"genuine\":true,\"algorithm\":\"sm4\",\"method\":\"psam\"}"));
        }
    }

    @Test
    public void noPsamWhereThereIsNone() throws Exception {
        try (Context ctx = new Context(); Card card = ctx.connect()) {
            SSCardException.CardException e = assertThrows(SSCardException.CardException.class,
                    () -> card.usePsam(card.reader()));
            assertEquals("SSCARD_E_NO_PSAM", e.errorName());
        }
    }
}
