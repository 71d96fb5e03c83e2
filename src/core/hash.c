/* hash.c: SHA-256 to hex, once (hash.h). */
#include "core/hash.h"

void sha256_final_hex(crypto_hash_sha256_state *st, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void sha256_hex(const void *data, size_t n, char out[65])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, data, n);
	sha256_final_hex(&st, out);
}
