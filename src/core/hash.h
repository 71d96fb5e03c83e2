/* hash.h: SHA-256 as the hex text the store, tokens and checks keep
 * (libsodium does the hashing). */
#ifndef LW_CORE_HASH_H
#define LW_CORE_HASH_H
#include <sodium.h>
#include <stddef.h>

/* The SHA-256 of data: 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* The same for a hash fed piece by piece (crypto_hash_sha256_update). */
void sha256_final_hex(crypto_hash_sha256_state *st, char out[65]);
#endif
