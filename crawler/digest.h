/*
 * digest.h — SHA-256 of a response body, the key the store keeps bodies under so that a
 * 304 on the next night can be re-checked from the stored copy (FIPS 180-4).
 */
#ifndef EA_CRAWLER_DIGEST_H
#define EA_CRAWLER_DIGEST_H

#include <stddef.h>

#define EA_SHA256_HEX 65 /* 64 hex digits and a NUL */

void ea_sha256_hex(const void *data, size_t len, char out[EA_SHA256_HEX]);

#endif
