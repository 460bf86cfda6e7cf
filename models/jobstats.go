package models

import (
	"context"

	"github.com/uptrace/bun"
)

// QueueCount is how many background jobs of one kind are in one state.
type QueueCount struct {
	Kind  string `bun:"kind"`
	State string `bun:"state"`
	Count int64  `bun:"count"`
}

// QueueCounts counts River's jobs by kind and state, for the metrics.
func QueueCounts(ctx context.Context, db bun.IDB) ([]QueueCount, error) {
	var out []QueueCount
	err := db.NewRaw("SELECT kind, state::text AS state, count(*) AS count FROM river_job GROUP BY 1, 2 ORDER BY 1, 2").
		Scan(ctx, &out)
	return out, err
}
