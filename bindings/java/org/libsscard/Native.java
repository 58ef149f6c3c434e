/*
 * libsscard.so.0 and libsscard-json.so.0 through JNA, the structs this
 * binding mirrors, and the check, at first use, that each mirror has the
 * size and the field offsets the library reports (sscard_layout).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

final class Native {
    private Native() {
    }

    interface LibSSCard extends Library {
        String sscard_version();
        String sscard_strerror(int err);
        String sscard_error_name(int err);
        String sscard_strerror_lang(int err, String lang);
        NativeLong sscard_layout(String name);
        int sscard_ctx_new(PointerByReference ctx);
        void sscard_ctx_free(Pointer ctx);
        int sscard_connect(Pointer ctx, String reader, PointerByReference card);
        void sscard_disconnect(Pointer card);
        String sscard_reader_name(Pointer card);
        int sscard_last_sw(Pointer card);
        int sscard_read_basic(Pointer card, Basic info);
        int sscard_pin_status(Pointer card, PinStatus pin);
        int sscard_pin_verify(Pointer card, byte[] pin, int flags, IntByReference tries);
        int sscard_medical_read(Pointer card, MedicalAccount m);
        int sscard_wait_event(Pointer ctx, int timeoutMs, Event ev);
        int sscard_cancel(Pointer ctx);
        void sscard_cleanse(byte[] buf, NativeLong len);
        int sscard_keys_from_psam(Pointer ctx, String reader, PointerByReference keys);
        void sscard_keys_free(Pointer keys);
        String sscard_keys_terminal(Pointer keys);
        int sscard_use_keys(Pointer card, Pointer keys);
    }

    interface LibSSCardJson extends Library {
        int sscard_read_json(Pointer card, int parts, int flags, PointerByReference json);
        int sscard_doctor_json(Pointer ctx, PointerByReference json);
        int sscard_error_json(String reader, int err, int sw, PointerByReference json);
        void sscard_json_free(Pointer json);
    }

    static final LibSSCard LIB = com.sun.jna.Native.load("libsscard.so.0", LibSSCard.class);
    static final LibSSCardJson JSON = com.sun.jna.Native.load("libsscard-json.so.0",
            LibSSCardJson.class);

    /** A mirror of a public struct; cName is its C name. */
    abstract static class Mirror extends Structure {
        abstract String cName();

        /** Where each field is, and the size: a list of disagreements. */
        String disagreements() {
            StringBuilder wrong = new StringBuilder();
            long size = LIB.sscard_layout(cName()).longValue();
            if (size != size()) {
                wrong.append("size ").append(size()).append(", library ").append(size).append("; ");
            }
            for (String field : getFieldOrder()) {
                long at = LIB.sscard_layout(cName() + "." + field).longValue();
                if (at != fieldOffset(field)) {
                    wrong.append(field).append(" at ").append(fieldOffset(field))
                            .append(", library ").append(at).append("; ");
                }
            }
            return wrong.toString();
        }
    }

    /** LayoutError unless mirror has the library's layout. */
    static void checkLayout(Mirror mirror) {
        String wrong = mirror.disagreements();
        if (!wrong.isEmpty()) {
            throw new LayoutError("struct " + mirror.cName() + " differs from libsscard "
                    + LIB.sscard_version() + ": " + wrong);
        }
    }

    @Structure.FieldOrder({"id_code", "region", "card_type", "version", "issuer", "issued",
        "expires", "number", "number_check_ok", "test_card", "expired", "temporary", "algorithm",
        "holder_status", "holder_sw", "ssn", "name", "sex", "sex_en", "sex_zh", "nation",
        "nation_en", "nation_zh", "birthplace", "birth_date", "atr", "atr_len", "error_field",
        "reserved"})
    public static class Basic extends Mirror {
        public byte[] id_code = new byte[33];
        public byte[] region = new byte[7];
        public byte[] card_type = new byte[8];
        public byte[] version = new byte[8];
        public byte[] issuer = new byte[49];
        public byte[] issued = new byte[11];
        public byte[] expires = new byte[11];
        public byte[] number = new byte[16];
        public int number_check_ok;
        public int test_card;
        public int expired;
        public int temporary;
        public int algorithm;
        public int holder_status;
        public int holder_sw;
        public byte[] ssn = new byte[19];
        public byte[] name = new byte[128];
        public byte sex;
        public byte[] sex_en = new byte[16];
        public byte[] sex_zh = new byte[16];
        public int nation;
        public byte[] nation_en = new byte[32];
        public byte[] nation_zh = new byte[32];
        public byte[] birthplace = new byte[7];
        public byte[] birth_date = new byte[11];
        public byte[] atr = new byte[33];
        public NativeLong atr_len;
        public byte[] error_field = new byte[16];
        public byte[] reserved = new byte[64];

        @Override
        String cName() {
            return "sscard_basic";
        }
    }

    @Structure.FieldOrder({"state", "tries_left", "reserved"})
    public static class PinStatus extends Mirror {
        public int state;
        public int tries_left;
        public byte[] reserved = new byte[24];

        @Override
        String cName() {
            return "sscard_pin_info";
        }
    }

    @Structure.FieldOrder({"balance_fen", "updated", "category", "profile", "reserved"})
    public static class MedicalAccount extends Mirror {
        public long balance_fen;
        public byte[] updated = new byte[11];
        public byte[] category = new byte[16];
        public byte[] profile = new byte[64];
        public byte[] reserved = new byte[64];

        @Override
        String cName() {
            return "sscard_medical";
        }
    }

    @Structure.FieldOrder({"type", "reader", "atr", "atr_len", "reserved"})
    public static class Event extends Mirror {
        public int type;
        public byte[] reader = new byte[128];
        public byte[] atr = new byte[33];
        public NativeLong atr_len;
        public byte[] reserved = new byte[32];

        @Override
        String cName() {
            return "sscard_event";
        }
    }

    static {
        checkLayout(new Basic());
        checkLayout(new PinStatus());
        checkLayout(new MedicalAccount());
        checkLayout(new Event());
    }

    /** A NUL-terminated UTF-8 field. */
    static String text(byte[] field) {
        int n = 0;
        while (n < field.length && field[n] != 0) {
            n++;
        }
        return new String(field, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The library's document as a String, freed. */
    static String take(PointerByReference json) {
        Pointer p = json.getValue();
        if (p == null) {
            return null;
        }
        try {
            return p.getString(0, "UTF-8");
        } finally {
            JSON.sscard_json_free(p);
        }
    }
}
