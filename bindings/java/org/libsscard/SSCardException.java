/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/**
 * A libsscard error: {@link #code()} is the SSCARD_E_* value,
 * {@link #errorName()} its name ("SSCARD_E_NO_CARD"), the message the
 * library's English text, {@link #messageZh()} its Chinese one (the
 * localized message under a Chinese default locale).  Each family of codes
 * has its subclass.
 */
public class SSCardException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String errorName;
    private final String sw;

    SSCardException(int code, String sw) {
        super(Native.LIB.sscard_error_name(code) + " (" + code + "): "
                + Native.LIB.sscard_strerror(code) + (sw != null ? " [SW " + sw + "]" : ""));
        this.code = code;
        this.errorName = Native.LIB.sscard_error_name(code);
        this.sw = sw;
    }

    public int code() {
        return code;
    }

    public String errorName() {
        return errorName;
    }

    /** The library's Chinese text of the code. */
    public String messageZh() {
        return Native.LIB.sscard_strerror_lang(code, "zh");
    }

    /** The Chinese text under a Chinese default locale, else English. */
    @Override
    public String getLocalizedMessage() {
        if ("zh".equals(java.util.Locale.getDefault().getLanguage()))
            return errorName + " (" + code + "): " + messageZh()
                    + (sw != null ? " [SW " + sw + "]" : "");
        return getMessage();
    }

    /** The card's status word ("6982"), or null. */
    public String sw() {
        return sw;
    }

    /** -1 .. -19: the PC/SC service and the readers. */
    public static class ReaderException extends SSCardException {
        private static final long serialVersionUID = 1L;

        ReaderException(int code, String sw) {
            super(code, sw);
        }
    }

    /** -20 .. -49: the card and its protocol. */
    public static class CardException extends SSCardException {
        private static final long serialVersionUID = 1L;

        CardException(int code, String sw) {
            super(code, sw);
        }
    }

    /** -50 .. -69: the PIN; triesLeft() when the card told. */
    public static class PinException extends SSCardException {
        private static final long serialVersionUID = 1L;
        private final int triesLeft;

        PinException(int code, String sw, int triesLeft) {
            super(code, sw);
            this.triesLeft = triesLeft;
        }

        /** -1 when unknown. */
        public int triesLeft() {
            return triesLeft;
        }
    }

    /** -70 .. -89: a bad argument. */
    public static class UsageException extends SSCardException {
        private static final long serialVersionUID = 1L;

        UsageException(int code, String sw) {
            super(code, sw);
        }
    }

    /** -90 .. -99. */
    public static class InternalException extends SSCardException {
        private static final long serialVersionUID = 1L;

        InternalException(int code, String sw) {
            super(code, sw);
        }
    }

    static SSCardException of(int code, int sw, int triesLeft) {
        String swText = sw != 0 && sw != 0x9000 ? String.format("%04X", sw & 0xFFFF) : null;
        if (code > -20) {
            return new ReaderException(code, swText);
        }
        if (code > -50) {
            return new CardException(code, swText);
        }
        if (code > -70) {
            return new PinException(code, swText, triesLeft);
        }
        if (code > -90) {
            return new UsageException(code, swText);
        }
        return new InternalException(code, swText);
    }

    static void check(int rv) throws SSCardException {
        if (rv < 0) {
            throw of(rv, 0, -1);
        }
    }
}
