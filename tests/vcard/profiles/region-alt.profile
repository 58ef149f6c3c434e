# The layout of medical-alt.card.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
name     alt-binary
df       DF03
ef       EF0A
balance  95 binary 4 fen
updated  96 date8 4
category 97 ascii 4
access   none
