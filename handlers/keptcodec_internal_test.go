package handlers

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"careercenter/models/demo"
	"careercenter/views"
)

func codecHandler(t *testing.T, baseURL string) *Handler {
	t.Helper()
	v, err := NewViews(views.FS, TemplateFuncs())
	if err != nil {
		t.Fatal(err)
	}
	return &Handler{Views: v, Secret: "s", BaseURL: baseURL}
}

// Every process of a build draws the same dictionary, whenever it starts,
// so a page one packs another unpacks; a process with another address
// draws pages for it alone. A page packs to a fraction of its text, and a page packed
// against another dictionary is not read as text.
func TestKeptPagesPackAlikeInEveryProcess(t *testing.T) {
	one, two := codecHandler(t, "http://jobs.test"), codecHandler(t, "http://jobs.test")
	two.Clock = func() time.Time { return time.Now().AddDate(1, 2, 3) } // started another day
	if one.codec().dict == nil {
		t.Fatal("no dictionary was drawn")
	}
	if one.codec().drawnFor != two.codec().drawnFor {
		t.Fatalf("two processes draw for %q and %q", one.codec().drawnFor, two.codec().drawnFor)
	}
	elsewhere := codecHandler(t, "https://coders.example")
	if elsewhere.codec().drawnFor == one.codec().drawnFor {
		t.Fatal("another address draws for the same pages")
	}

	// The last sample job's page is past the dictionary's 64 KB.
	jobs := demo.SampleJobs()
	last := len(jobs) - 1
	data, err := one.jobPage(&jobs[last], false, true, jobs[last-5:last])
	if err != nil {
		t.Fatal(err)
	}
	_, body, err := one.guestJobBody(data)
	if err != nil {
		t.Fatal(err)
	}
	page := string(body)
	if strings.Contains(string(one.keptDictionary()), jobs[last].Title) {
		t.Fatalf("the dictionary holds the page of %q", jobs[last].Title)
	}
	packed := one.codec().pack(page)
	t.Logf("a page of %d bytes packs to %d (%d without the dictionary)", len(page), len(packed), len((&keptCodec{}).pack(page)))
	if len(packed) > len(page)/4 {
		t.Errorf("a page of %d bytes packs to %d", len(page), len(packed))
	}
	text, err := two.codec().unpack(make([]byte, 0, 64), packed)
	if err != nil || string(text) != page {
		t.Fatalf("unpacked by another process: %q, %v", text, err)
	}
	if text, err := (&keptCodec{}).unpack(nil, packed); err == nil && bytes.Equal(text, []byte(page)) {
		t.Error("a page packed against the dictionary reads as text without it")
	}

	var wg sync.WaitGroup // packing and unpacking share the dictionary
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				if text, err := one.codec().unpack(nil, one.codec().pack(page)); err != nil || string(text) != page {
					t.Errorf("concurrent round trip: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
