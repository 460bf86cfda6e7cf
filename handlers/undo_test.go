package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// emailJob is the state and due time of the newest email queued to an address.
func emailJob(w *applyWorld, to string) (string, time.Duration) {
	w.t.Helper()
	var row struct {
		State string  `bun:"state"`
		In    float64 `bun:"secs"`
	}
	err := w.s.db.Bun.NewRaw(`SELECT state, extract(epoch FROM scheduled_at - now())::float8 AS secs FROM river_job
		WHERE kind = 'email' AND args->>'to' = ? ORDER BY id DESC LIMIT 1`, to).Scan(context.Background(), &row)
	if err != nil {
		w.t.Fatal(err)
	}
	return row.State, time.Duration(row.In * float64(time.Second))
}

// A status change waits a minute before its email goes; Undo in that minute
// puts the status back and cancels the email, with or without JavaScript.
func TestStatusChangeCanBeUndoneBeforeTheEmailGoes(t *testing.T) {
	w := newApplyWorld(t)
	applyTo(w.coder, w.live, "", "", nil)
	app := w.applicationOf(w.live, w.coderU)
	list := applicantsPath(w.live)
	status := func() string {
		var s string
		if err := w.s.db.Bun.NewRaw(`SELECT status FROM applications WHERE id = ?`, app).Scan(context.Background(), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}

	res := htmxPost(w.member, "/employer/applications/"+app+"/status", url.Values{"status": {"rejected"}})
	mustContain(t, res.Body, "Saved: Not selected.", `hx-post="/employer/applications/`+app+`/undo"`,
		"The candidate is emailed about it in a minute.", `data-status="rejected">Not selected <strong>1</strong>`)
	state, in := emailJob(w, "ada@example.com")
	if state != "scheduled" || in < 55*time.Second || in > 70*time.Second {
		t.Fatalf("rejection email: %s in %v", state, in)
	}
	res = htmxPost(w.member, "/employer/applications/"+app+"/undo", url.Values{})
	mustContain(t, res.Body, "Undone: back to New. Nobody was emailed.", `value="new" selected`,
		`data-status="new">New <strong>1</strong>`, `data-status="rejected">Not selected <strong>0</strong>`)
	mustNotContain(t, res.Body, "/undo")
	if state, _ := emailJob(w, "ada@example.com"); state != "cancelled" || status() != "new" || len(statusMails(w.s, "ada@example.com")) != 0 {
		t.Fatalf("after undo: email %s, status %s", state, status())
	}
	res = htmxPost(w.member, "/employer/applications/"+app+"/undo", url.Values{})
	mustContain(t, res.Body, "Too late to undo")

	// Without JavaScript: the page after the change offers Undo, its form undoes.
	res = w.member.post("/employer/applications/"+app+"/status", url.Values{"status": {"interviewing"}, "back": {list}})
	if res.Status != http.StatusSeeOther || status() != "interviewing" {
		t.Fatalf("plain change: %d %s", res.Status, status())
	}
	mustContain(t, w.member.get(list).Body, `action="/employer/applications/`+app+`/undo"`, "Undo")
	mustContain(t, w.member.get("/employer/applications/"+app).Body, "Undo: back to New")
	if res := w.member.post("/employer/applications/"+app+"/undo", url.Values{"back": {list}}); res.Status != http.StatusSeeOther ||
		res.Location != list || status() != "new" {
		t.Fatalf("plain undo: %d %s %s", res.Status, res.Location, status())
	}

	// Past the minute the email stays due and the undo is refused.
	w.member.post("/employer/applications/"+app+"/status", url.Values{"status": {"offered"}})
	w.exec(`UPDATE application_status_undos SET undo_until = now() - interval '1 second'`)
	if res := w.member.post("/employer/applications/"+app+"/undo", url.Values{}); res.Status != http.StatusConflict || status() != "offered" {
		t.Fatalf("late undo: %d %s", res.Status, status())
	}
	mustNotContain(t, w.member.get(list).Body, "/undo")
	if got := statusMails(w.s, "ada@example.com"); len(got) != 1 {
		t.Fatalf("offer email: %v", got)
	}
	if state, _ := emailJob(w, "ada@example.com"); state != "scheduled" {
		t.Fatalf("offer email: %s", state)
	}

	// Someone else's application cannot be undone.
	stranger, _ := w.person("stranger@example.com", "Stan Ger")
	if res := stranger.post("/employer/applications/"+app+"/undo", url.Values{}); res.Status != http.StatusNotFound {
		t.Fatalf("stranger undo: %d", res.Status)
	}
}
