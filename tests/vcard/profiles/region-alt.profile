# The layout of medical-alt.card.
name     alt-binary
df       DF03
ef       EF0A
balance  95 binary 4 fen
updated  96 date8 4
category 97 ascii 4
access   none
