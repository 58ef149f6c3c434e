/*
 * The Java binding (bindings/java) through the real pcscd and
 * the virtual card's standard profile: run by tests/bindings/run inside
 * tests/harness/with-pcscd.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class SSCardTest {
    private static final String READER = "Virtual PCD 00 00";

    private static void vcard(String signal) throws Exception {
        String pid = System.getenv("WITH_PCSCD_VCARD_PID");
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, pid).start().waitFor());
    }

    /** struct sscard_event with a reader field too short. */
    @Structure.FieldOrder({"type", "reader", "atr", "atr_len", "reserved"})
    public static class ShortEvent extends Native.Mirror {
        public int type;
        public byte[] reader = new byte[64];
        public byte[] atr = new byte[33];
        public NativeLong atr_len;
        public byte[] reserved = new byte[32];

        @Override
        String cName() {
            return "sscard_event";
        }
    }

    @Test
    public void layoutMatchesAndAWrongMirrorFailsLoudly() {
        Native.checkLayout(new Native.Basic());
        LayoutError e = assertThrows(LayoutError.class, () -> Native.checkLayout(new ShortEvent()));
        assertTrue(e.getMessage(), e.getMessage().contains("atr at 68, library 132"));
        assertTrue(e.getMessage(), e.getMessage().contains("size 144, library 208"));
    }

    @Test
    public void errorsSpeakChineseFromTheLibrarysTable() {
        SSCardException e = new SSCardException(-3, null);
        assertEquals("读卡器中没有卡", e.messageZh());
        java.util.Locale was = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.SIMPLIFIED_CHINESE);
            assertEquals("SSCARD_E_NO_CARD (-3): 读卡器中没有卡", e.getLocalizedMessage());
            java.util.Locale.setDefault(java.util.Locale.ENGLISH);
            assertEquals("SSCARD_E_NO_CARD (-3): no card in the reader", e.getLocalizedMessage());
        } finally {
            java.util.Locale.setDefault(was);
        }
    }

    @Test
    public void readsBasicInfo() throws Exception {
        try (Context ctx = new Context(); Card card = ctx.connect()) {
            Basic b = card.readBasic();
            assertEquals(READER, b.reader());
            assertEquals("BA0010547", b.number());
            assertEquals("林岩", b.name());
            assertEquals("520102198506020233", b.ssn());
            assertEquals("汉族", b.nationZh());
            assertEquals("1985-06-02", b.birthDate());
            assertEquals(0, b.holderStatus());
            assertTrue(b.numberCheckOk());
            assertFalse(b.expired());
            assertEquals("Basic[reader=" + READER + ", number=BA*****47, expires=2029-11-20]",
                    b.toString());
            String json = card.readJson(Card.CARD);
            assertTrue(json, json.startsWith("{\"schema\":2,\"reader\":\"" + READER + "\""));
            assertTrue(json, json.contains("\"number\":\"BA0010547\""));
        }
    }

    @Test
    public void verifiesThePinAndReadsMedical() throws Exception {
        try (Context ctx = new Context(); Card card = ctx.connect(READER)) {
            SSCardException.PinException required = assertThrows(
                    SSCardException.PinException.class, card::readMedical);
            assertEquals(-53, required.code());
            assertEquals("6982", required.sw());
            char[] wrong = "000000".toCharArray();
            SSCardException.PinException e = assertThrows(SSCardException.PinException.class,
                    () -> card.verifyPin(wrong, false));
            assertEquals("SSCARD_E_PIN_WRONG", e.errorName());
            assertEquals(2, e.triesLeft());
            assertFalse(e.getMessage().contains("000000"));
            assertEquals("\0\0\0\0\0\0", new String(wrong));
            assertEquals(new PinState(PinState.State.NOT_VERIFIED, 2), card.pinStatus());
            card.verifyPin("123456".toCharArray(), false);
            Medical m = card.readMedical();
            assertEquals(12345, m.balanceFen());
            assertEquals("11", m.category());
        }
    }

    @Test
    public void badInputIsRefused() throws Exception {
        try (Context ctx = new Context()) {
            SSCardException.ReaderException r = assertThrows(
                    SSCardException.ReaderException.class, () -> ctx.connect("no such reader"));
            assertEquals(-2, r.code());
            Card card = ctx.connect();
            SSCardException.PinException f = assertThrows(SSCardException.PinException.class,
                    () -> card.verifyPin("12ab".toCharArray(), false));
            assertEquals("SSCARD_E_PIN_FORMAT", f.errorName());
            assertNull(f.sw());
            // a NUL inside would leave "1234" to C: refused whole
            SSCardException.PinException nul = assertThrows(SSCardException.PinException.class,
                    () -> card.verifyPin("1234\u0000567".toCharArray(), false));
            assertEquals("SSCARD_E_PIN_FORMAT", nul.errorName());
            assertThrows(SSCardException.PinException.class, () -> card.verifyPin(null, false));
            assertThrows(SSCardException.UsageException.class, () -> card.readJson(0x80));
            card.close();
            assertEquals("Card[" + READER + ", closed]", card.toString());
            assertThrows(SSCardException.UsageException.class, card::readBasic);
        }
    }

    @Test
    public void tellsOfRemovalAndInsertion() throws Exception {
        LinkedBlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        Watcher watcher = Context.watch(events::add);
        try {
            CardEvent first = events.poll(10, TimeUnit.SECONDS);
            assertEquals(CardEvent.Type.INSERTED, first.type());
            assertEquals(READER, first.reader());
            assertEquals("3B6D000000814E43238697159900BF7C7A", first.atr());
            vcard("USR1");
            assertEquals(new CardEvent(CardEvent.Type.REMOVED, READER, ""),
                    events.poll(10, TimeUnit.SECONDS));
            vcard("USR2");
            assertEquals(CardEvent.Type.INSERTED, events.poll(10, TimeUnit.SECONDS).type());
        } finally {
            watcher.close();
        }
    }

    @Test
    public void doctorReportIsJson() throws Exception {
        try (Context ctx = new Context()) {
            String report = ctx.doctorJson();
            assertTrue(report, report.contains("\"ok\":true"));
        }
    }
}
