package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"

	"careercenter/models"
	"careercenter/models/demo"
)

// A kept job page (job_pages) is stored compressed with s2 against a
// dictionary of job pages this build draws from the demo's sample jobs.
// Pages share most of their markup, so 7 KB of HTML is about 1 KB against
// the dictionary (3 KB with s2 alone, 3.2 KB as PostgreSQL's lz4 stored
// it, in TOAST chunks): the row then stays in its table page, a guest's
// read fetches one heap page and no TOAST chunks, and PostgreSQL sends
// 1 KB where it sent 8. Unpacking a page takes about 3 µs.

// keptCodec packs and unpacks kept pages; drawnFor is what the pages it
// packs are drawn for: this build, address and mode, and the dictionary.
// A page drawn by another build is never used, since its templates or data
// may differ, nor one packed against another dictionary.
type keptCodec struct {
	dict     *s2.Dict // nil: plain s2 (no views to draw the dictionary with)
	drawnFor string
}

// pack is text compressed.
func (k *keptCodec) pack(text string) []byte {
	if k.dict == nil {
		return s2.EncodeBetter(nil, []byte(text))
	}
	return k.dict.EncodeBetter(nil, []byte(text))
}

// unpack is the text packed in b, in buf's room when it fits.
func (k *keptCodec) unpack(buf, b []byte) ([]byte, error) {
	if k.dict == nil {
		return s2.Decode(buf, b)
	}
	return k.dict.Decode(buf, b)
}

// unpackPage is the head and body of p, in buf's room when they fit.
func (k *keptCodec) unpackPage(buf []byte, p *models.KeptJobPage) (head, body []byte, err error) {
	if head, err = k.unpack(buf, p.Head); err != nil {
		return nil, nil, err
	}
	body, err = k.unpack(head[len(head):len(head)], p.Body)
	return head, body, err
}

// codec is h's keptCodec, made once: the dictionary is the heads and
// bodies of the sample jobs' guest pages (keptDictionary), as many as
// s2's 64 KB take.
func (h *Handler) codec() *keptCodec {
	h.codecOnce.Do(func() {
		k := &keptCodec{}
		sum := sha256.New()
		sum.Write([]byte(buildSum() + "|" + h.BaseURL + "|" + map[bool]string{true: "dev"}[h.Dev] + "|"))
		if dict := h.keptDictionary(); len(dict) >= s2.MinDictSize {
			k.dict = s2.MakeDict(dict, nil)
			sum.Write(dict)
		}
		k.drawnFor = hex.EncodeToString(sum.Sum(nil)[:16])
		h.keptCodec = k
	})
	return h.keptCodec
}

// keptDictionary is the guest pages of demo.SampleJobs, each with the next
// few as its similar jobs, drawn by this build's templates: the same bytes
// in every process of a build, since the sample jobs and their dates are
// fixed. Nil when a page cannot be drawn.
func (h *Handler) keptDictionary() []byte {
	jobs := demo.SampleJobs()
	var dict []byte
	for i := range jobs {
		related := make([]models.Job, 0, models.RelatedListSize)
		for k := 1; k <= models.RelatedListSize; k++ {
			related = append(related, jobs[(i+k)%len(jobs)])
		}
		data, err := h.jobPage(&jobs[i], false, i%2 == 0, related)
		if err != nil {
			return nil
		}
		head, body, err := h.guestJobBody(data)
		if err != nil || body == "" {
			return nil
		}
		if len(dict)+len(head)+len(body) > s2.MaxDictSize {
			break
		}
		dict = append(append(dict, head...), body...)
	}
	return dict
}

// viewString is b read as a string, without the copy a conversion makes
// (7 KB on every guest's job page): b must not change while the string is
// in use, nor the string be kept past that.
func viewString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// keptText is a pooled buffer for unpacked pages.
var keptText = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}
