package models_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"careercenter/app/apptest"
	"careercenter/models"
)

// minimalPDF is a small but complete PDF document.
const minimalPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
	"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
	"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n" +
	"trailer << /Root 1 0 R >>\n%%EOF\n"

// zipOf builds a zip archive of name → content, in order.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(entries[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf is a minimal Word document, plus extra entries.
func docxOf(t *testing.T, extra ...string) []byte {
	t.Helper()
	return zipOf(t, append([]string{
		"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`,
		"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Pat Coder, CPC</w:t></w:r></w:p></w:body></w:document>`,
	}, extra...)...)
}

// bombDocx is a Word document with one more entry of 50 MB of zeros,
// deflated to a few kilobytes. declared is the size its headers claim:
// the truth, or a lie.
func bombDocx(t *testing.T, declared uint64) []byte {
	t.Helper()
	const size = 50 << 20
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	zeros := make([]byte, size)
	_, _ = fw.Write(zeros)
	_ = fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range [][2]string{{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}} {
		w, _ := zw.Create(e[0])
		_, _ = w.Write([]byte(e[1]))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/media/image1.png", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(zeros), CompressedSize64: uint64(packed.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(packed.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckResumeByContent(t *testing.T) {
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 400)...)
	manyParts := []string{}
	for i := 0; i < 201; i++ {
		manyParts = append(manyParts, "word/part"+strconv.Itoa(i)+".xml", "<x/>")
	}
	docx := docxOf(t)
	cases := []struct {
		name, wantType, wantMsg string
		data                    []byte
	}{
		{"pdf", models.ResumePDF, "", []byte(minimalPDF)},
		{"docx", models.ResumeDOCX, "", docx},
		{"empty", "", "This file is empty", nil},
		{"renamed executable", "", "not a PDF or a Word document", elf},
		{"windows program", "", "not a PDF or a Word document", append([]byte("MZ\x90\x00"), make([]byte, 200)...)},
		{"text", "", "not a PDF or a Word document", []byte("Pat Coder\nCPC, 6 years")},
		{"program with a document appended", "", "not a PDF or a Word document", append(elf, docx...)},
		{"zip that is not a document", "", "zip archive, not a Word document", zipOf(t, "notes.txt", "hello")},
		{"truncated zip", "", "zip archive, not a Word document", docx[:len(docx)/2]},
		{"oversized", "", "larger than 5 MB", append([]byte(minimalPDF), make([]byte, models.MaxResumeBytes+1-len(minimalPDF))...)},
		{"exactly 5 MB", models.ResumePDF, "", append([]byte(minimalPDF), make([]byte, models.MaxResumeBytes-len(minimalPDF))...)},
		{"zip bomb", "", "unpacks to more than 20 MB", bombDocx(t, 50<<20)},
		{"zip bomb with a lying header", "", "unpacks to more than 20 MB", bombDocx(t, 1000)},
		{"too many parts", "", "too many parts", docxOf(t, manyParts...)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ct, msg := models.CheckResume(tc.data)
			if ct != tc.wantType || (tc.wantMsg == "") != (msg == "") || !strings.Contains(msg, tc.wantMsg) {
				t.Fatalf("got %q %q, want %q %q", ct, msg, tc.wantType, tc.wantMsg)
			}
		})
	}
}

func storedFiles(t *testing.T, db bun.IDB, userID int64) int {
	t.Helper()
	var n int
	if err := db.NewRaw(`SELECT count(*) FROM stored_files WHERE owner_id = ?`, userID).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSaveResumeStoresOnlyGoodFiles(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u := companyOwner(t, d.Bun, "coder@example.com")
	files := models.DBFiles{}

	_, err := models.SaveResume(ctx, d.Bun, files, u.ID, "resume.pdf", append([]byte("\x7fELF"), make([]byte, 64)...), true)
	if v, ok := models.AsValidation(err); !ok || !strings.Contains(v["resume"], "not a PDF") {
		t.Fatalf("executable: %v", err)
	}
	if _, err := models.SaveResume(ctx, d.Bun, files, u.ID, "", nil, true); err == nil {
		t.Fatal("no file accepted")
	}
	if n := storedFiles(t, d.Bun, u.ID); n != 0 {
		t.Fatalf("refused files left %d stored", n)
	}

	first, err := models.SaveResume(ctx, d.Bun, files, u.ID, `C:\Users\pat\My "Resume".docx`, []byte(minimalPDF), true)
	if err != nil {
		t.Fatal(err)
	}
	if first.ContentType != models.ResumePDF || first.Filename != "My Resume.pdf" || !first.IsCurrent ||
		first.SizeBytes != len(minimalPDF) {
		t.Fatalf("first: %+v", first)
	}
	if got, _ := files.Get(ctx, d.Bun, first.StorageKey); string(got) != minimalPDF {
		t.Fatal("stored bytes differ")
	}
	second, err := models.SaveResume(ctx, d.Bun, files, u.ID, "cv.docx", docxOf(t), true)
	if err != nil || second.ContentType != models.ResumeDOCX {
		t.Fatalf("second: %+v %v", second, err)
	}
	third, err := models.SaveResume(ctx, d.Bun, files, u.ID, "for-one-job.pdf", []byte(minimalPDF), false)
	if err != nil || third.IsCurrent {
		t.Fatalf("third: %+v %v", third, err)
	}
	if cur, err := models.CurrentResume(ctx, d.Bun, u.ID); err != nil || cur.ID != second.ID {
		t.Fatalf("current: %+v %v", cur, err)
	}

	// Deleting the current resume removes its bytes; the newest left takes over.
	if err := models.DeleteResume(ctx, d.Bun, files, u.ID+1, second.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("someone else's delete: %v", err)
	}
	if err := models.DeleteResume(ctx, d.Bun, files, u.ID, second.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := files.Get(ctx, d.Bun, second.StorageKey); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("bytes kept: %v", err)
	}
	if cur, err := models.CurrentResume(ctx, d.Bun, u.ID); err != nil || cur.ID != third.ID {
		t.Fatalf("current after delete: %+v %v", cur, err)
	}
	rs, err := models.ResumesOf(ctx, d.Bun, u.ID)
	if err != nil || len(rs) != 2 || rs[0].ID != third.ID {
		t.Fatalf("resumes: %+v %v", rs, err)
	}
	if n := storedFiles(t, d.Bun, u.ID); n != 2 {
		t.Fatalf("stored files: %d", n)
	}
}

func TestResumesPerCoderAreLimited(t *testing.T) {
	ctx := context.Background()
	d := apptest.DB(t)
	u := companyOwner(t, d.Bun, "coder@example.com")
	for i := 0; i < models.MaxResumes; i++ {
		if _, err := models.SaveResume(ctx, d.Bun, models.DBFiles{}, u.ID, "r.pdf", []byte(minimalPDF), true); err != nil {
			t.Fatal(err)
		}
	}
	_, err := models.SaveResume(ctx, d.Bun, models.DBFiles{}, u.ID, "r.pdf", []byte(minimalPDF), true)
	if v, ok := models.AsValidation(err); !ok || !strings.Contains(v["resume"], "Delete one") {
		t.Fatalf("over the limit: %v", err)
	}
	var current int
	_ = d.Bun.NewRaw(`SELECT count(*) FROM resumes WHERE user_id = ? AND is_current`, u.ID).Scan(ctx, &current)
	if current != 1 {
		t.Fatalf("%d current resumes", current)
	}
}

func TestResumeSizeText(t *testing.T) {
	for size, want := range map[int]string{10: "1 KB", 2048: "2 KB", 1 << 20: "1.0 MB", 5 << 20: "5.0 MB"} {
		if got := (models.Resume{SizeBytes: size}).SizeText(); got != want {
			t.Errorf("%d: %q, want %q", size, got, want)
		}
	}
}
