package models

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/uptrace/bun"
)

// FileStore keeps uploaded files outside the web root. PostgreSQL is the
// default; an object store can implement the same three methods.
type FileStore interface {
	Put(ctx context.Context, db bun.IDB, ownerID int64, data []byte) (key string, err error)
	Get(ctx context.Context, db bun.IDB, key string) ([]byte, error)
	Delete(ctx context.Context, db bun.IDB, key string) error
}

// DBFiles stores files in the stored_files table; a file goes with its
// owner's account (ON DELETE CASCADE).
type DBFiles struct{}

// Put stores data under a new random key.
func (DBFiles) Put(ctx context.Context, db bun.IDB, ownerID int64, data []byte) (string, error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key := hex.EncodeToString(raw)
	_, err := db.NewRaw(`INSERT INTO stored_files (key, owner_id, data) VALUES (?, ?, ?)`, key, ownerID, data).Exec(ctx)
	return key, err
}

// Get returns the bytes of key, or ErrNotFound.
func (DBFiles) Get(ctx context.Context, db bun.IDB, key string) ([]byte, error) {
	var data []byte
	err := db.NewRaw(`SELECT data FROM stored_files WHERE key = ?`, key).Scan(ctx, &data)
	return data, notFound(err)
}

// Delete removes key (no error when it is already gone).
func (DBFiles) Delete(ctx context.Context, db bun.IDB, key string) error {
	_, err := db.NewRaw(`DELETE FROM stored_files WHERE key = ?`, key).Exec(ctx)
	return err
}
