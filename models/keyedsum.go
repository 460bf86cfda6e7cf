package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"sync"
)

// macPools holds, per secret, HMAC-SHA256 states keyed with it for reuse:
// a new one costs two hash states and the key's schedule, and every page
// signs or keys a few things (the client address, the CSRF token, a job
// view's viewer).
var macPools sync.Map // secret → *sync.Pool of hash.Hash

// KeyedSum is the HMAC-SHA256 with secret of the parts written one after
// another.
func KeyedSum(secret string, parts ...string) []byte {
	p, ok := macPools.Load(secret)
	if !ok {
		p, _ = macPools.LoadOrStore(secret, &sync.Pool{New: func() any { return hmac.New(sha256.New, []byte(secret)) }})
	}
	pool := p.(*sync.Pool)
	m := pool.Get().(hash.Hash)
	m.Reset()
	for _, s := range parts {
		_, _ = m.Write([]byte(s))
	}
	sum := m.Sum(make([]byte, 0, sha256.Size))
	pool.Put(m)
	return sum
}
