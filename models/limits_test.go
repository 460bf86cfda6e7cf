package models_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

// Twenty concurrent attempts under a limit of 5 an hour: exactly 5 run;
// failed attempts are not counted; an hour later there is room again.
func TestWithinAccountLimit(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	l := models.Limit{Action: "test", What: "test things", Windows: []models.Window{{Max: 5, Per: time.Hour}, {Max: 8, Per: 24 * time.Hour}}}
	now := time.Now()
	var mu sync.Mutex
	ran, limited := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := models.WithinAccountLimit(ctx, d.Bun, 42, l, now, func(context.Context, bun.Tx) error {
				mu.Lock()
				ran++
				mu.Unlock()
				return nil
			})
			mu.Lock()
			defer mu.Unlock()
			if le, ok := models.AsLimit(err); ok {
				limited++
				if !strings.Contains(le.Error(), "limit of 5 test things an hour") {
					t.Errorf("message: %s", le.Error())
				}
			} else if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ran != 5 || limited != 15 {
		t.Fatalf("ran %d, limited %d", ran, limited)
	}
	// Another account has its own room; a failed action is not counted.
	boom := errors.New("form errors")
	for i := 0; i < 7; i++ {
		err := models.WithinAccountLimit(ctx, d.Bun, 43, l, now, func(context.Context, bun.Tx) error { return boom })
		if !errors.Is(err, boom) {
			t.Fatalf("failing action: %v", err)
		}
	}
	if err := models.CheckAccountLimit(ctx, d.Bun, 43, l, now); err != nil {
		t.Fatalf("failures were counted: %v", err)
	}
	// An hour later the hourly window has room, until the daily one is full.
	later := now.Add(time.Hour + time.Minute)
	for i := 0; i < 3; i++ {
		if err := models.WithinAccountLimit(ctx, d.Bun, 42, l, later, func(context.Context, bun.Tx) error { return nil }); err != nil {
			t.Fatalf("an hour later, %d: %v", i, err)
		}
	}
	err := models.CheckAccountLimit(ctx, d.Bun, 42, l, later)
	le, ok := models.AsLimit(err)
	if !ok || le.Window.Per != 24*time.Hour || !strings.Contains(le.Error(), "a day") || le.Wait < 22*time.Hour {
		t.Fatalf("daily limit: %v", err)
	}
}
