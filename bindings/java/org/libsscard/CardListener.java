/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

/** Told of each event on the watcher's own thread (see Context.watch). */
@FunctionalInterface
public interface CardListener {
    void onEvent(CardEvent event);

    /** The watch stopped on an error (pcscd is retried by the library). */
    default void onError(SSCardException error) {
    }
}
