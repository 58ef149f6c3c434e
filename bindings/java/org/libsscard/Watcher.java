/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
package org.libsscard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Context.watch's thread, with a context of its own made and used on that
 * thread; close() stops it and waits for it (a wait lasts at most
 * SLICE_MS, so that no call crosses threads).
 */
public final class Watcher implements AutoCloseable {
    private final CompletableFuture<Context> started = new CompletableFuture<>();
    private final Thread thread;
    private static final int SLICE_MS = 250;
    private volatile boolean stopping;

    Watcher(CardListener listener) throws SSCardException {
        thread = new Thread(() -> run(listener), "sscard-events");
        thread.setDaemon(true);
        thread.start();
        try {
            started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SSCardException.of(-8, 0, -1);
        } catch (ExecutionException e) {
            throw (SSCardException) e.getCause();
        }
    }

    private void run(CardListener listener) {
        try (Context context = new Context()) {
            started.complete(context);
            while (!stopping) {
                CardEvent ev = context.nextEvent(SLICE_MS);
                if (ev != null) {
                    listener.onEvent(ev);
                }
            }
        } catch (SSCardException e) {
            if (!started.completeExceptionally(e)) {
                listener.onError(e);
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
