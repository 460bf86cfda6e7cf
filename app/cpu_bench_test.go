package app_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/uptrace/bun"
)

// cpuMeter reads the CPU time this process and the database server's
// backends for db have used. On a shared machine a run's wall time says more
// about the neighbours than about the run; its CPU time does not.
type cpuMeter struct {
	db     *bun.DB
	before map[string]float64
}

// procCPU is the user+system CPU seconds of process pid ("self" for this
// one) from /proc, or 0 where there is no /proc.
func procCPU(pid string) float64 {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	// Fields after the command (which may hold spaces) start at state, field 3.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100 // USER_HZ
}

func (m *cpuMeter) sample(b *testing.B) map[string]float64 {
	var pids []int
	if err := m.db.NewRaw(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).
		Scan(context.Background(), &pids); err != nil {
		b.Fatal(err)
	}
	s := map[string]float64{"self": procCPU("self")}
	for _, p := range pids {
		s[strconv.Itoa(p)] = procCPU(strconv.Itoa(p))
	}
	return s
}

func (m *cpuMeter) start(b *testing.B) { m.before = m.sample(b) }

// stop returns the CPU seconds used since start by this process and by the
// backends (those opened meanwhile counted from zero).
func (m *cpuMeter) stop(b *testing.B) (app, db float64) {
	for pid, t := range m.sample(b) {
		if pid == "self" {
			app = t - m.before[pid]
		} else {
			db += t - m.before[pid]
		}
	}
	return app, db
}
