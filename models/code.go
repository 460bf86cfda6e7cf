package models

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Code is one code of a code system, shown on /codes/:system/:code. The
// generated columns code_key and search are never mapped: inserts would fail.
type Code struct {
	bun.BaseModel `bun:"table:codes,alias:c"`

	System            string    `bun:"system,pk"`
	Code              string    `bun:"code,pk"`
	Descriptor        string    `bun:"descriptor"`
	CommonDescription string    `bun:"common_description"`
	Status            string    `bun:"status"`
	Related           []string  `bun:"related,array"`
	Specialties       []string  `bun:"specialties,array"`
	CreatedAt         time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt         time.Time `bun:"updated_at,nullzero,default:now()"`
}

// Code statuses: new and revised mark the annual updates.
const (
	CodeActive  = "active"
	CodeNew     = "new"
	CodeRevised = "revised"
	CodeDeleted = "deleted"
)

// CodeStatuses are the values of Code.Status.
var CodeStatuses = []string{CodeActive, CodeNew, CodeRevised, CodeDeleted}

// codeColumns lists the mapped columns for hand-written queries.
const codeColumns = `c.system, c.code, c.descriptor, c.common_description, c.status,
	c.related, c.specialties, c.created_at, c.updated_at`

// SystemLabel is the name people read, such as "ICD-10-CM".
func (c *Code) SystemLabel() string { return TermLabel(CodeSystems, c.System) }

// Path is the code's page.
func (c *Code) Path() string {
	return "/codes/" + url.PathEscape(c.System) + "/" + url.PathEscape(c.Code)
}

const teaserLen = 80

// Teaser is the start of the descriptor, shown instead of the page when the
// viewer has no views left; it is cut at a word so it never ends mid-word.
func (c *Code) Teaser() string {
	d := strings.TrimSpace(c.Descriptor)
	if utf8.RuneCountInString(d) <= teaserLen {
		return d
	}
	cut := string([]rune(d)[:teaserLen])
	if i := strings.LastIndexByte(cut, ' '); i > teaserLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}

// codeKey is the spelling-free form of a code ("E11.9", "e119" → "e119"),
// matching the generated column code_key. Anything but letters and digits is
// dropped, so what a visitor typed is safe to cut and to use in LIKE.
func codeKey(code string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(code) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CodeByKey returns the code of system typed with or without dots, in any
// case, or ErrNotFound.
func CodeByKey(ctx context.Context, db bun.IDB, system, code string) (*Code, error) {
	c := new(Code)
	err := db.NewSelect().Model(c).
		Where("c.system = ?", system).
		Where("c.code_key = ?", codeKey(code)).
		Scan(ctx)
	return c, notFound(err)
}

// RelatedCodes returns the codes listed in c.Related that exist, in the
// order listed.
func RelatedCodes(ctx context.Context, db bun.IDB, c *Code) ([]Code, error) {
	if len(c.Related) == 0 {
		return nil, nil
	}
	keys := make([]string, len(c.Related))
	for i, r := range c.Related {
		keys[i] = codeKey(r)
	}
	var out []Code
	err := db.NewSelect().Model(&out).
		Where("c.system = ?", c.System).
		Where("c.code_key = ANY(?)", pgdialect.Array(keys)).
		OrderExpr("array_position(?::text[], c.code_key)", pgdialect.Array(keys)).
		Scan(ctx)
	return out, err
}

// SuggestCodes returns codes near an unknown code of system, for its 404
// page: first those sharing the longest prefix of its number, then those
// whose numbers look alike.
func SuggestCodes(ctx context.Context, db bun.IDB, system, code string, limit int) ([]Code, error) {
	key := codeKey(code)
	if key == "" || limit <= 0 {
		return nil, nil
	}
	var out []Code
	seen := map[string]bool{}
	add := func(cs []Code) {
		for _, c := range cs {
			if !seen[c.Code] && len(out) < limit {
				seen[c.Code] = true
				out = append(out, c)
			}
		}
	}
	// A one-character prefix is a whole chapter: too far to be "near".
	for n := len(key); n >= 2 && len(out) < limit; n-- {
		var cs []Code
		err := db.NewSelect().Model(&cs).
			Where("c.system = ?", system).
			Where("c.code_key LIKE ?", key[:n]+"%").
			OrderExpr("c.code_key").Limit(int64(limit)).Scan(ctx)
		if err != nil {
			return nil, err
		}
		add(cs)
	}
	if len(out) < limit {
		var cs []Code
		err := db.NewSelect().Model(&cs).
			Where("c.system = ?", system).
			Where("c.code_key % ?", key).
			OrderExpr("similarity(c.code_key, ?) DESC, c.code_key", key).
			Limit(int64(limit)).Scan(ctx)
		if err != nil {
			return nil, err
		}
		add(cs)
	}
	return out, nil
}

// CodeCounts returns how many codes each system has, deleted ones included.
func CodeCounts(ctx context.Context, db bun.IDB) (map[string]int, error) {
	var rows []struct {
		System string `bun:"system"`
		N      int    `bun:"n"`
	}
	err := db.NewSelect().Model((*Code)(nil)).
		ColumnExpr("c.system, count(*) AS n").
		GroupExpr("c.system").Scan(ctx, &rows)
	counts := make(map[string]int, len(rows))
	for _, r := range rows {
		counts[r.System] = r.N
	}
	return counts, err
}
