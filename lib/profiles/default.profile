# The built-in default (lib/card.md): the same as not setting a profile.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
name     default
df       DF04
ef       EF06
balance  92 bcd 4 fen
category 93 ascii 2
updated  none
access   pin
