#!/bin/sh
# Fails when the tree calls a banned C function (core/compat.h says why they are banned).
cd "$(dirname "$0")/.." || exit 2
hits=$(grep -nE '(^|[^_a-zA-Z0-9.>])(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|gets)\(' \
    $(find core crawler rules checks store scoring writers cli bench tests -name node_modules -prune -o -name '*.[ch]' -print))
if [ -n "$hits" ]; then
    echo "banned functions used (see core/compat.h):"
    echo "$hits"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "banned: 1 passed, 0 failed"
