package models

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// CodeGroup is one part of a code set's own structure: a CPT section or
// code range, an ICD-10-CM chapter or category, an HCPCS letter, an
// ICD-10-PCS section. A group with Groups, or an ICD-10-CM chapter, lists
// parts; the others list codes.
type CodeGroup struct {
	System string
	Param  string // the query parameter naming it on /codes/:system
	Key    string
	Label  string
	Span   string // the codes it covers, as people write them: "20000–29999", "E00–E89"
	Count  int    // codes stored in it
	Groups []CodeGroup

	// Codes whose code_key (in byte order) starts at or after lo and starts
	// with something at most hi, and matches pattern when there is one.
	lo, hi, pattern string
}

// Path is the group's browse page.
func (g *CodeGroup) Path() string {
	return "/codes/" + url.PathEscape(g.System) + "?" + g.Param + "=" + url.QueryEscape(g.Key)
}

// ListsCodes reports a group whose page lists codes rather than parts.
func (g *CodeGroup) ListsCodes() bool { return len(g.Groups) == 0 && g.Param != "chapter" }

// CodeBrowseParams are the query parameters that name a group of system,
// outermost first.
func CodeBrowseParams(system string) []string {
	switch system {
	case "cpt":
		return []string{"section", "range"}
	case "icd-10-cm":
		return []string{"chapter", "category"}
	case "hcpcs":
		return []string{"letter"}
	case "icd-10-pcs":
		return []string{"section"}
	}
	return nil
}

// keyPad after a prefix makes the highest code_key starting with it, in
// byte order (codes have at most ten letters and digits; 'z' sorts last).
const keyPad = "zzzzzzzzzz"

// codeGroupWhere selects the codes of g from codes c.
const codeGroupWhere = `c.system = ? AND c.code_key COLLATE "C" BETWEEN ? AND ? AND (? = '' OR c.code_key ~ ?)`

func (g *CodeGroup) whereArgs() []any {
	return []any{g.System, g.lo, g.hi + keyPad, g.pattern, g.pattern}
}

// CodeOutline returns the top-level groups of system, and the parts of those
// that have static parts, with their code counts.
func CodeOutline(ctx context.Context, db bun.IDB, system string) ([]CodeGroup, error) {
	top, ok := outlines[system]
	if !ok {
		return nil, ErrNotFound
	}
	out := slices.Clone(top)
	var leaves []*CodeGroup
	for i := range out {
		if len(out[i].Groups) == 0 {
			leaves = append(leaves, &out[i])
			continue
		}
		out[i].Groups = slices.Clone(out[i].Groups)
		for j := range out[i].Groups {
			leaves = append(leaves, &out[i].Groups[j])
		}
	}
	if err := countCodeGroups(ctx, db, leaves); err != nil {
		return nil, err
	}
	for i := range out {
		for _, p := range out[i].Groups {
			out[i].Count += p.Count
		}
	}
	return out, nil
}

// countCodeGroups fills in the Count of each group, one index range scan each.
func countCodeGroups(ctx context.Context, db bun.IDB, gs []*CodeGroup) error {
	if len(gs) == 0 {
		return nil
	}
	var los, his, pats []string
	for _, g := range gs {
		los, his, pats = append(los, g.lo), append(his, g.hi+keyPad), append(pats, g.pattern)
	}
	var counts []int
	err := db.NewRaw(`SELECT (SELECT count(*) FROM codes c WHERE c.system = ?
			AND c.code_key COLLATE "C" BETWEEN g.lo AND g.hi AND (g.pat = '' OR c.code_key ~ g.pat))
		FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS g(lo, hi, pat, i) ORDER BY g.i`,
		gs[0].System, pgdialect.Array(los), pgdialect.Array(his), pgdialect.Array(pats)).Scan(ctx, &counts)
	for i := range counts {
		gs[i].Count = counts[i]
	}
	return err
}

// CodeGroupTrail finds the group that param=key names in system, with its
// count, and the groups around it from the outside in (the last is the
// group itself), or ErrNotFound.
func CodeGroupTrail(ctx context.Context, db bun.IDB, system, param, key string) ([]CodeGroup, error) {
	var trail []CodeGroup
	for _, top := range outlines[system] {
		if top.Param == param && strings.EqualFold(top.Key, key) {
			trail = []CodeGroup{top}
			break
		}
		for _, part := range top.Groups {
			if part.Param == param && strings.EqualFold(part.Key, key) {
				trail = []CodeGroup{top, part}
			}
		}
	}
	if system == "icd-10-cm" && param == "category" {
		cat, err := cmCategory(ctx, db, key)
		if err != nil {
			return nil, err
		}
		for _, ch := range cmOutline {
			if ch.lo <= cat.lo && cat.lo <= ch.hi {
				trail = []CodeGroup{ch, *cat}
			}
		}
	}
	if len(trail) == 0 {
		return nil, ErrNotFound
	}
	last := &trail[len(trail)-1]
	last.Groups = slices.Clone(last.Groups)
	leaves := []*CodeGroup{last}
	if len(last.Groups) > 0 {
		leaves = nil
		for i := range last.Groups {
			leaves = append(leaves, &last.Groups[i])
		}
	}
	if err := countCodeGroups(ctx, db, leaves); err != nil {
		return nil, err
	}
	for _, p := range last.Groups {
		last.Count += p.Count
	}
	return trail, nil
}

// cmCategory is the ICD-10-CM category of three characters key ("E11"),
// titled by its own code's descriptor when that code is stored.
func cmCategory(ctx context.Context, db bun.IDB, key string) (*CodeGroup, error) {
	k := codeKey(key)
	if len(k) != 3 || len(key) != 3 {
		return nil, ErrNotFound
	}
	g := &CodeGroup{System: "icd-10-cm", Param: "category", Key: upper(k), Span: upper(k), lo: k, hi: k}
	var title []string
	err := db.NewRaw(`SELECT c.descriptor FROM codes c WHERE c.system = 'icd-10-cm' AND c.code_key = ?`, k).Scan(ctx, &title)
	if len(title) > 0 {
		g.Label = title[0]
	}
	return g, err
}

// CodeCategories lists the ICD-10-CM categories of chapter that have codes,
// in code order, each titled by its own code's descriptor when stored.
func CodeCategories(ctx context.Context, db bun.IDB, chapter CodeGroup) ([]CodeGroup, error) {
	var rows []struct {
		Cat         string
		N           int
		Title       string
		First, Last string
	}
	err := db.NewRaw(`SELECT left(c.code_key, 3) AS cat, count(*) AS n,
			coalesce(min(c.descriptor) FILTER (WHERE length(c.code_key) = 3), '') AS title,
			min(c.descriptor) AS first, max(c.descriptor) AS last
		FROM codes c WHERE `+codeGroupWhere+`
		GROUP BY 1 ORDER BY left(c.code_key, 3) COLLATE "C"`, chapter.whereArgs()...).Scan(ctx, &rows)
	out := make([]CodeGroup, len(rows))
	for i, r := range rows {
		if r.Title == "" && r.N > 1 {
			r.Title = commonWords(r.First, r.Last)
		}
		out[i] = CodeGroup{System: "icd-10-cm", Param: "category", Key: upper(r.Cat), Label: r.Title,
			Span: upper(r.Cat), Count: r.N, lo: r.Cat, hi: r.Cat}
	}
	return out, err
}

// commonWords is the whole words two descriptors start with ("Type 2
// diabetes mellitus"). For the alphabetically first and last descriptors
// of a category it is what all of them start with, a fair title for a
// category whose own code is not stored.
func commonWords(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	if n < len(a) && n < len(b) || n == len(a) && n < len(b) && b[n] != ' ' || n == len(b) && n < len(a) && a[n] != ' ' {
		n = strings.LastIndexByte(a[:n], ' ')
	}
	if n <= 0 {
		return ""
	}
	return strings.TrimRight(a[:n], " ,;:(-")
}

// CodeList is one page of the codes of a group, in code order.
type CodeList struct {
	Codes    []Code
	From, To int // positions of the first and last code shown, counting from 1
	Total    int
	// Cursors for the neighbouring pages: the keys to list after or before.
	After, Before string
}

// HasPrev and HasNext report neighbouring pages.
func (l *CodeList) HasPrev() bool { return l.From > 1 }
func (l *CodeList) HasNext() bool { return l.To < l.Total }

// CodesInGroup returns the size codes of g after the code key after, or
// when before is set the size codes before it (a keyset: pages stay put
// while codes are imported).
func CodesInGroup(ctx context.Context, db bun.IDB, g CodeGroup, after, before string, size int) (CodeList, error) {
	list := CodeList{Total: g.Count}
	after, before = codeKey(after), codeKey(before)
	q := `SELECT ` + codeColumns + ` FROM codes c WHERE ` + codeGroupWhere
	args := g.whereArgs()
	switch {
	case before != "":
		q += ` AND c.code_key COLLATE "C" < ? ORDER BY c.code_key COLLATE "C" DESC LIMIT ?`
		args = append(args, before, size)
	default:
		q += ` AND c.code_key COLLATE "C" > ? ORDER BY c.code_key COLLATE "C" LIMIT ?`
		args = append(args, after, size)
	}
	if err := db.NewRaw(q, args...).Scan(ctx, &list.Codes); err != nil {
		return list, err
	}
	if before != "" {
		slices.Reverse(list.Codes)
	}
	if len(list.Codes) == 0 {
		return list, nil
	}
	var earlier int
	err := db.NewRaw(`SELECT count(*) FROM codes c WHERE `+codeGroupWhere+` AND c.code_key COLLATE "C" < ?`,
		append(g.whereArgs(), codeKey(list.Codes[0].Code))...).Scan(ctx, &earlier)
	list.From, list.To = earlier+1, earlier+len(list.Codes)
	list.After, list.Before = codeKey(list.Codes[len(list.Codes)-1].Code), codeKey(list.Codes[0].Code)
	return list, err
}

func upper(s string) string { return strings.ToUpper(s) }
func lower(s string) string { return strings.ToLower(s) }

// CountText is the group's code count as people read it ("3,412 codes").
func (g *CodeGroup) CountText() string {
	if g.Count == 1 {
		return "1 code"
	}
	return Thousands(g.Count) + " codes"
}

// Position says which codes the page shows: "101–200 of 3,412".
func (l *CodeList) Position() string {
	return Thousands(l.From) + "–" + Thousands(l.To) + " of " + Thousands(l.Total)
}
