package models

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// CodeQuery is what the /codes search box sends.
type CodeQuery struct {
	Text   string
	System string // "" searches every system
	Limit  int    // 20 when zero, at most 100
}

// CodeHit is one search result. Rank says which stage found it and how well,
// and never grows down the list: 5 exact number, 4 number prefix, 3–4 words
// (3 + normalized ts_rank_cd), 2–3 the words with typos corrected from the
// descriptors' vocabulary, 1–2 words with typos matched inside descriptors
// (1 + trigram word similarity).
type CodeHit struct {
	Code `bun:",extend"`
	Rank float64 `bun:"rank,scanonly"`
}

const (
	// Ranking every full-text match is slow when a word matches thousands of
	// codes; only this many candidates are ranked. Each costs a heap row
	// read and a ts_rank_cd (3 ms at best for 1,000 at full size), but a
	// smaller cap ranks an arbitrary part of sets that 1,000 ranks whole:
	// at 250, "wheelchair" in HCPCS lost K0001, its best match.
	codeCandidates = 1000
	// Each typo check costs microseconds per row, so fewer are ranked.
	typoCandidates = 200
	// Typo matching runs when the earlier stages found fewer hits than this.
	fewCodeHits = 5
	// Ties among the best word matches are broken by how often other codes
	// name a code as related, counted for this many candidates.
	tieCandidates = 50
)

var (
	codeLike  = regexp.MustCompile(`^[A-Za-z0-9.]*[0-9][A-Za-z0-9.]*$`)
	wordChars = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// SearchCodes finds codes by number or words: an exact number first, then
// numbers starting with what was typed, then full-text matches, then, when
// those are few, full-text matches of the words with their typos corrected
// ("diabtes" → "diabetes"), then descriptors that match despite typos. Empty
// text finds nothing: the page shows browse lists instead.
func SearchCodes(ctx context.Context, db bun.IDB, q CodeQuery) ([]CodeHit, error) {
	// PostgreSQL text holds neither NUL bytes nor invalid UTF-8.
	text := strings.TrimSpace(plainText(q.Text))
	q.System = plainText(q.System)
	if text == "" {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)

	var hits []CodeHit
	seen := map[[2]string]bool{}
	add := func(hs []CodeHit) {
		for _, h := range hs {
			k := [2]string{h.System, h.Code.Code}
			if !seen[k] && len(hits) < limit {
				seen[k] = true
				hits = append(hits, h)
			}
		}
	}
	allKnown := false  // every word of text is a descriptor word
	corrected := false // the words with their typos corrected found codes
	// A code number ("99213", "E11.9") is found by its number or not at
	// all: the typo stages would only spend milliseconds finding nothing.
	number := codeLike.MatchString(text)
	stages := []func() ([]CodeHit, error){
		func() ([]CodeHit, error) { return codesByNumber(ctx, db, text, q.System, limit) },
		func() ([]CodeHit, error) { return codesByWords(ctx, db, text, q.System, limit, 3) },
		func() ([]CodeHit, error) {
			if len(hits) >= fewCodeHits || number {
				return nil, nil
			}
			fixed, known, err := correctWords(ctx, db, text)
			allKnown = known
			if err != nil || fixed == "" {
				return nil, err
			}
			hs, err := codesByWords(ctx, db, fixed, q.System, limit, 2)
			corrected = len(hs) > 0
			return hs, err
		},
		func() ([]CodeHit, error) {
			// Words that all appear in descriptors as typed have no typos
			// to forgive, and words whose corrections found codes have
			// been forgiven: either way the earlier stages have found what
			// this one would (it found the same codes again, ranked lower),
			// and it is the slowest (3–15 ms at full size).
			if len(hits) >= fewCodeHits || allKnown || corrected || number {
				return nil, nil
			}
			return codesByTypos(ctx, db, text, q.System, limit)
		},
	}
	for _, stage := range stages {
		if len(hits) >= limit {
			break
		}
		hs, err := stage()
		if err != nil {
			return nil, err
		}
		add(hs)
	}
	return hits, nil
}

// codesByNumber finds the exact code and the codes starting with text, when
// text looks like a code number (letters, digits and dots with a digit).
func codesByNumber(ctx context.Context, db bun.IDB, text, system string, limit int) ([]CodeHit, error) {
	if !codeLike.MatchString(text) {
		return nil, nil
	}
	key := codeKey(text)
	if key == "" {
		return nil, nil
	}
	// The prefix as a range the text_pattern_ops index reads whatever the
	// plan: LIKE with a parameter cannot use it in a generic plan. Keys are
	// ASCII letters and digits, so the next byte is a character too.
	upper := key[:len(key)-1] + string(key[len(key)-1]+1)
	var hits []CodeHit
	err := scanPrepared(ctx, db, &hits, `SELECT `+codeColumns+`, CASE WHEN c.code_key = $1 THEN 5.0 ELSE 4.0 END::float8 AS rank
		FROM codes c
		WHERE c.code_key ~>=~ $1 AND c.code_key ~<~ $2 AND ($3 = '' OR c.system = $3)
		ORDER BY rank DESC, length(c.code_key), c.code_key, c.system
		LIMIT `+strconv.Itoa(limit), key, upper, system)
	return hits, err
}

// codesByWords ranks full-text matches (code weight A, descriptor B, common
// description C) among a capped candidate set; base is the stage's rank band.
// Among equal matches the codes most often named as related by other codes
// come first (E11.9 before E10.9 for "diabetes"): counting them is an index
// lookup each, so only the best few candidates are counted. The system is
// compared after the lookup, or the planner ANDs in the system index and
// reads every code of the system for each candidate.
func codesByWords(ctx context.Context, db bun.IDB, text, system string, limit int, base float64) ([]CodeHit, error) {
	var hits []CodeHit
	// The constants are written into the text (one statement each), so a
	// generic plan knows the limits, and so is a known code set: its plan
	// then reads that set's own full-text index (migration 0043).
	inSystem, args := "($2 = '' OR c.system = $2)", []any{text, system}
	if system == "" || IsTerm(CodeSystems, system) {
		inSystem, args = "c.system = '"+system+"'", []any{text}
		if system == "" {
			inSystem = "true"
		}
	}
	err := scanPrepared(ctx, db, &hits, `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q),
		cand AS (
			SELECT c.*, q.q FROM codes c, q
			WHERE c.search @@ q.q AND `+inSystem+`
			LIMIT `+strconv.Itoa(codeCandidates)+`
		),
		best AS (
			SELECT c.*, `+strconv.FormatFloat(base, 'f', -1, 64)+` + ts_rank_cd(c.search, c.q, 32) AS rank FROM cand c
			ORDER BY rank DESC, c.code_key, c.system
			LIMIT `+strconv.Itoa(tieCandidates)+`
		)
		SELECT `+codeColumns+`, c.rank
		FROM best c
		ORDER BY c.rank DESC,
			(SELECT count(*) FILTER (WHERE r.system = c.system) FROM codes r WHERE r.related @> ARRAY[c.code]) DESC,
			c.code_key, c.system
		LIMIT `+strconv.Itoa(limit), args...)
	return hits, err
}

// correctWords replaces each word of text that no descriptor has by the
// most similar word that one has (trigram similarity, pg_trgm's default 0.3
// at least; the more common word on a tie), keeping the other words. It
// returns "" when nothing changed: the words stage has already run on text
// as typed. known says every word of three letters or more is a descriptor
// word as typed.
func correctWords(ctx context.Context, db bun.IDB, text string) (fixed string, known bool, err error) {
	typed := typoWords(text)
	if len(typed) == 0 {
		return "", false, nil
	}
	var rows []struct {
		Word  string `bun:"word"`
		Known bool   `bun:"known"`
	}
	err = scanPrepared(ctx, db, &rows, `SELECT coalesce(k.word,
			(SELECT v.word FROM code_words v WHERE v.word % t.w
				ORDER BY similarity(v.word, t.w) DESC, v.codes DESC, v.word LIMIT 1),
			t.w) AS word, k.word IS NOT NULL AS known
		FROM unnest($1::text[]) WITH ORDINALITY AS t(w, i)
		LEFT JOIN code_words k ON k.word = t.w
		ORDER BY t.i`, typed)
	if err != nil {
		return "", false, err
	}
	known = true
	changed := map[string]string{}
	for i, r := range rows {
		known = known && r.Known
		if i < len(typed) && r.Word != typed[i] {
			changed[typed[i]] = r.Word
		}
	}
	if len(changed) == 0 {
		return "", known, nil
	}
	words := wordChars.FindAllString(strings.ToLower(text), -1)
	for i, w := range words {
		if f, ok := changed[w]; ok {
			words[i] = f
		}
	}
	return strings.Join(words, " "), known, nil
}

// codesByTypos finds codes whose descriptors contain, for every word typed,
// a word that looks like it ("fixaton strut" finds the external fixation strut
// codes). The <% operator uses the trigram index with pg_trgm's default
// word_similarity_threshold (0.6), which lets one typo in a word of seven or
// more letters through.
func codesByTypos(ctx context.Context, db bun.IDB, text, system string, limit int) ([]CodeHit, error) {
	typed := typoWords(text)
	if len(typed) == 0 {
		return nil, nil
	}
	// Stop words ("the", "with") would match nearly every descriptor; drop
	// them the way the full-text configuration does.
	var words []string
	err := scanPrepared(ctx, db, &words, `SELECT w FROM unnest($1::text[]) WITH ORDINALITY AS t(w, i)
		WHERE to_tsvector('english', w) <> ''::tsvector ORDER BY i`, typed)
	if err != nil || len(words) == 0 {
		return nil, err
	}
	const doc = `(c.descriptor || ' ' || c.common_description)`
	var match, score []string
	args := []any{system}
	for i, w := range words {
		p := "$" + strconv.Itoa(i+2)
		match = append(match, p+"::text <% "+doc)
		score = append(score, "word_similarity("+p+"::text, "+doc+")")
		args = append(args, w)
	}
	var hits []CodeHit
	err = scanPrepared(ctx, db, &hits, `WITH cand AS (
			SELECT c.* FROM codes c
			WHERE `+strings.Join(match, " AND ")+` AND ($1 = '' OR c.system = $1)
			LIMIT `+strconv.Itoa(typoCandidates)+`
		)
		SELECT `+codeColumns+`, 1 + (`+strings.Join(score, " + ")+`) / `+strconv.Itoa(len(words))+` AS rank
		FROM cand c
		ORDER BY rank DESC, c.code_key, c.system
		LIMIT `+strconv.Itoa(limit), args...)
	return hits, err
}

// typoWords are the words of text long enough for trigrams to mean something,
// at most eight of them.
func typoWords(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range wordChars.FindAllString(strings.ToLower(text), -1) {
		if len([]rune(w)) >= 3 && !seen[w] && len(out) < 8 {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// plainText drops NUL bytes and invalid UTF-8, which PostgreSQL refuses.
func plainText(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "")
}
