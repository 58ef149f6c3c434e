/*
 * libdcrf32 as a Java program of a hospital loads it: JNA, by name.
 * Opens port 100, resets the contact card, selects the social security
 * application and prints the card identification code.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;

public final class DecardJna {
	public interface Dcrf32 extends Library {
		int dc_init(short port, int baud);
		short dc_exit(int icdev);
		short dc_setcpu(int icdev, byte slot);
		short dc_cpureset(int icdev, ByteByReference rlen, byte[] atr);
		short dc_cpuapduInt(int icdev, int slen, byte[] send,
				    IntByReference rlen, byte[] resp);
	}

	private static byte[] bytes(String hex) {
		byte[] out = new byte[hex.length() / 2];
		for (int i = 0; i < out.length; i++)
			out[i] = (byte) Integer.parseInt(
				hex.substring(2 * i, 2 * i + 2), 16);
		return out;
	}

	public static void main(String[] args) {
		Dcrf32 dc = Native.load("dcrf32", Dcrf32.class);
		int h = dc.dc_init((short) 100, 115200);
		if (h < 0)
			throw new IllegalStateException("dc_init " + h);
		byte[] atr = new byte[128], resp = new byte[300];
		IntByReference rlen = new IntByReference();
		dc.dc_setcpu(h, (byte) 0x0C);
		short rv = dc.dc_cpureset(h, new ByteByReference(), atr);
		if (rv == 0)
			rv = dc.dc_cpuapduInt(h, 20, bytes(
				"00A404000F7378312E73682EC9E7BBE1B1A3D5CF"),
				rlen, resp);
		byte[] cmd = bytes("00B2012C12");
		if (rv == 0)
			rv = dc.dc_cpuapduInt(h, cmd.length, cmd, rlen, resp);
		dc.dc_exit(h);
		if (rv != 0 || rlen.getValue() != 20)
			throw new IllegalStateException("read " + rv);
		StringBuilder id = new StringBuilder();
		for (int i = 2; i < 18; i++)
			id.append(String.format("%02X", resp[i]));
		System.out.println("id_code " + id);
	}
}
