package handlers_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"hash/crc32"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"careercenter/models"
)

const smallPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
	"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// smallDocx is a minimal Word document; with bombBytes > 0 it carries one
// more entry of that many zeros, whose header declares declared bytes.
func smallDocx(t *testing.T, bombBytes int, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range [][2]string{{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document>Pat</w:document>"}} {
		w, _ := zw.Create(e[0])
		_, _ = w.Write([]byte(e[1]))
	}
	if bombBytes > 0 {
		zeros := make([]byte, bombBytes)
		var packed bytes.Buffer
		fw, _ := flate.NewWriter(&packed, flate.BestCompression)
		_, _ = fw.Write(zeros)
		_ = fw.Close()
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/media/a.png", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(zeros),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: declared})
		_, _ = w.Write(packed.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// uploadResume posts a file to the resume form the way a browser does.
func uploadResume(b *browser, name string, data []byte) response {
	b.s.t.Helper()
	m := csrfMeta.FindStringSubmatch(b.get("/").Body)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", m[1])
	part, _ := w.CreateFormFile("resume", name)
	_, _ = part.Write(data)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/profile/resumes", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

func TestResumeUploadsAreCheckedByContent(t *testing.T) {
	s := newSite(t)
	b := s.registered("coder@example.com")
	uid := userID(t, s, "coder@example.com")
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 256)...)
	refused := []struct {
		name, file, msg string
		data            []byte
	}{
		{"no file", "", "Choose your resume file", nil},
		{"renamed executable", "resume.pdf", "This file is not a PDF or a Word document (.docx).", elf},
		{"oversized", "big.pdf", "This file is larger than 5 MB.", append([]byte(smallPDF), make([]byte, models.MaxResumeBytes+1-len(smallPDF))...)},
		{"zip bomb", "cv.docx", "unpacks to more than 20 MB", smallDocx(t, 50<<20, 50<<20)},
		{"zip bomb with a lying header", "cv.docx", "unpacks to more than 20 MB", smallDocx(t, 50<<20, 100)},
	}
	for _, tc := range refused {
		res := uploadResume(b, tc.file, tc.data)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", tc.name, res.Status)
		}
		mustContain(t, res.Body, `<small class="field-error" id="e-resume">`, strings.Split(tc.msg, "(")[0],
			`aria-invalid="true" aria-describedby="e-resume"`)
	}
	if n := sqlCount(t, s, `SELECT count(*) FROM stored_files WHERE owner_id = ?`, uid); n != 0 {
		t.Fatalf("refused files stored: %d", n)
	}

	for _, f := range []struct {
		name, stored, kind string
		data               []byte
	}{
		{"resume.pdf", "resume.pdf", "PDF", []byte(smallPDF)},
		{"cv.docx", "cv.docx", "Word document", smallDocx(t, 0, 0)},
		{"scanned.docx", "scanned.pdf", "PDF", []byte(smallPDF)}, // the content decides
	} {
		if res := uploadResume(b, f.name, f.data); res.Status != http.StatusSeeOther || res.Location != "/profile#resumes" {
			t.Fatalf("%s: %d %s", f.name, res.Status, res.Body)
		}
		mustContain(t, b.get("/profile").Body, f.stored+"</a>\n    <small class=\"muted\">"+f.kind)
	}
	if n := sqlCount(t, s, `SELECT count(*) FROM stored_files WHERE owner_id = ?`, uid); n != 3 {
		t.Fatalf("stored files: %d", n)
	}
	if n := sqlCount(t, s, `SELECT count(*) FROM resumes WHERE is_current AND filename = 'scanned.pdf'`); n != 1 {
		t.Fatal("the newest upload is not the current resume")
	}
}

func TestResumeDownloadIsTheOwnersAttachment(t *testing.T) {
	s := newSite(t)
	b := s.registered("coder@example.com")
	other := s.registered("other@example.com")
	uid := userID(t, s, "coder@example.com")
	uploadResume(b, `Pat "Q" Coder ü.pdf`, []byte(smallPDF))
	id := sqlText(t, s, `SELECT id::text FROM resumes WHERE user_id = ?`, uid)

	res := b.get("/profile/resumes/" + id)
	if res.Status != 200 || res.Body != smallPDF {
		t.Fatalf("download: %d", res.Status)
	}
	for h, want := range map[string]string{
		"Content-Type":            "application/pdf",
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "sandbox; default-src 'none'",
		"Content-Disposition":     `attachment; filename="Pat Q Coder _.pdf"; filename*=UTF-8''Pat%20Q%20Coder%20%C3%BC.pdf`,
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}

	if res := other.get("/profile/resumes/" + id); res.Status != http.StatusNotFound {
		t.Fatalf("another user's resume: %d", res.Status)
	}
	if res := s.browser().get("/profile/resumes/" + id); res.Status != http.StatusSeeOther {
		t.Fatalf("guest: %d", res.Status)
	}
	if res := other.post("/profile/resumes/"+id+"/delete", url.Values{}); res.Status != http.StatusNotFound {
		t.Fatalf("another user's delete: %d", res.Status)
	}
	if res := b.post("/profile/resumes/"+id+"/delete", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.Status)
	}
	if n := sqlCount(t, s, `SELECT count(*) FROM stored_files WHERE owner_id = ?`, uid); n != 0 {
		t.Fatalf("deleted resume left %d stored files", n)
	}
	if res := b.get("/profile/resumes/" + id); res.Status != http.StatusNotFound {
		t.Fatalf("deleted resume: %d", res.Status)
	}
}

func TestDataExportAndDeletionLeaveNothingBehind(t *testing.T) {
	k := newJobKit(t)
	s := k.s
	b, u := k.user("coder@example.com", false)
	b.post("/profile", profileForm())
	b.post("/profile/credentials", url.Values{"credential": {"CCS"}, "number": {"9-9"}, "year": {"2020"}})
	uploadResume(b, "resume.pdf", []byte(smallPDF))
	docx := smallDocx(t, 0, 0)
	uploadResume(b, "cv.docx", docx)
	resumeID := sqlText(t, s, `SELECT id::text FROM resumes WHERE filename = 'resume.pdf'`)
	job := k.job(k.company("acme", "Acme Health", "employer"), func(j *models.Job) { j.Title = "Inpatient Coder" })
	if _, err := s.db.Bun.NewRaw(`INSERT INTO applications (job_id, user_id, status, cover_note, resume_id)
		VALUES (?, ?, 'interviewing', 'Hello', ?)`, job.ID, u.ID, resumeID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}

	res := b.get("/account/export")
	if res.Status != 200 || res.Header.Get("Content-Type") != "application/zip" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), `attachment; filename="careercenter-data-`) {
		t.Fatalf("export: %d %v", res.Status, res.Header)
	}
	zr, err := zip.NewReader(strings.NewReader(res.Body), int64(len(res.Body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
	}
	var data models.DataExport
	if err := json.Unmarshal([]byte(files["data.json"]), &data); err != nil {
		t.Fatal(err)
	}
	if data.Account.Email != "coder@example.com" || data.Profile == nil || data.Profile.Headline != "Outpatient coder, CPC" ||
		len(data.Credentials) != 1 || data.Credentials[0].Number != "9-9" || len(data.Resumes) != 2 ||
		len(data.Applications) != 1 || data.Applications[0].JobTitle != "Inpatient Coder" ||
		data.Applications[0].StatusLabel != "Interviewing" || data.Applications[0].Company != "Acme Health" {
		t.Fatalf("data.json: %s", files["data.json"])
	}
	lacks(t, files["data.json"], "password", "argon2", "session_epoch")
	if files["resumes/"+resumeID+"-resume.pdf"] != smallPDF {
		t.Fatalf("export files: %v", len(files))
	}
	for _, r := range data.Resumes {
		if r.Filename == "cv.docx" && files[r.File] != string(docx) {
			t.Fatalf("docx in the export: %q", r.File)
		}
	}
	other := s.registered("other@example.com").get("/account/export")
	ozr, err := zip.NewReader(strings.NewReader(other.Body), int64(len(other.Body)))
	if err != nil || len(ozr.File) != 1 {
		t.Fatalf("another user's export: %v", err)
	}
	rc, _ := ozr.File[0].Open()
	otherJSON, _ := io.ReadAll(rc)
	mustContain(t, string(otherJSON), `"profile": null`, `"resumes": []`, `"applications": []`, `"sign_in_providers": []`)

	// Deleting the account takes the resume bytes with it.
	if n := sqlCount(t, s, `SELECT count(*) FROM stored_files WHERE owner_id = ?`, u.ID); n != 2 {
		t.Fatalf("stored files before: %d", n)
	}
	if res := b.post("/account/delete", url.Values{"password": {password}}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete account: %d", res.Status)
	}
	for _, q := range []string{`SELECT count(*) FROM stored_files WHERE owner_id = ?`, `SELECT count(*) FROM resumes WHERE user_id = ?`,
		`SELECT count(*) FROM profiles WHERE user_id = ?`, `SELECT count(*) FROM profile_credentials WHERE user_id = ?`} {
		if n := sqlCount(t, s, q, u.ID); n != 0 {
			t.Fatalf("%s: %d left", q, n)
		}
	}
	if n := sqlCount(t, s, `SELECT count(*) FROM stored_files`); n != 0 {
		t.Fatalf("%d stored files left in all", n)
	}
	if n := sqlCount(t, s, `SELECT count(*) FROM applications WHERE user_id IS NULL AND resume_id IS NULL AND status = 'withdrawn'`); n != 1 {
		t.Fatal("the application did not stay as a withdrawn candidate")
	}
}
