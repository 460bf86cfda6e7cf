package models

import (
	"sync"

	"github.com/alexedwards/argon2id"
)

// argon2id at the OWASP minimum for memory (19 MiB), two passes, one lane.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// dummyHash is compared against when the account does not exist, so an
// unknown email takes as long as a wrong password. It is made at the first
// such sign-in, not at start: hashing takes the 19 MiB above, which would
// otherwise be every process's peak memory.
var dummyHash = sync.OnceValue(func() string {
	h, _ := argon2id.CreateHash("not-a-real-password", passwordParams)
	return h
})

func hashPassword(plain string) (string, error) {
	return argon2id.CreateHash(plain, passwordParams)
}

func passwordMatches(plain, hash string) bool {
	if hash == "" {
		hash = dummyHash()
	}
	ok, err := argon2id.ComparePasswordAndHash(plain, hash)
	return err == nil && ok
}

func validatePassword(errs ValidationErrors, field, plain string) {
	switch {
	case len([]rune(plain)) < 10:
		errs.Add(field, "Use at least 10 characters.")
	case len(plain) > 200:
		errs.Add(field, "Use at most 200 characters.")
	}
}
