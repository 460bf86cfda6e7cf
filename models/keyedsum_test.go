package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"sync"
	"testing"
)

// KeyedSum is HMAC-SHA256 of the parts joined, for each secret, however
// many goroutines share its pooled states.
func TestKeyedSumIsHMAC(t *testing.T) {
	want := func(secret, msg string) []byte {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(msg))
		return m.Sum(nil)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				for _, secret := range []string{"one secret", "another secret"} {
					if got := KeyedSum(secret, "ip:", "192.0.2.1"); !hmac.Equal(got, want(secret, "ip:192.0.2.1")) {
						t.Errorf("KeyedSum(%q) = %x, want %x", secret, got, want(secret, "ip:192.0.2.1"))
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if got := KeyedSum("s"); !hmac.Equal(got, want("s", "")) {
		t.Errorf("KeyedSum of nothing = %x", got)
	}
}
