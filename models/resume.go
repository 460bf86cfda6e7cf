package models

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/uptrace/bun"
)

// Resume limits. A DOCX is a zip archive, so it is also limited in what it
// unpacks to: a small file must not expand into gigabytes (a zip bomb).
const (
	MaxResumeBytes  = 5 << 20
	MaxResumes      = 20 // per coder, so one account cannot fill the store
	maxDocxEntries  = 200
	maxDocxUnpacked = 20 << 20
)

// The two kinds of resume accepted.
const (
	ResumePDF  = "application/pdf"
	ResumeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// Messages for refused uploads; the form shows them beside the file field.
const (
	msgResumeMissing  = "Choose your resume file: a PDF or a Word document (.docx)."
	msgResumeEmpty    = "This file is empty. Choose your resume as a PDF or a Word document (.docx)."
	msgResumeTooLarge = "This file is larger than 5 MB. Choose a smaller PDF or Word document (.docx)."
	msgResumeType     = "This file is not a PDF or a Word document (.docx). Save your resume as one of those and upload that."
	msgResumeNotDocx  = "This is a zip archive, not a Word document (.docx). Upload your resume as a PDF or .docx."
	msgResumeUnpacked = "This Word document unpacks to more than 20 MB or has too many parts. Save it as a PDF and upload that."
	msgResumeDamaged  = "This Word document is damaged or incomplete. Save it again, or upload a PDF."
	msgResumeTooMany  = "You have 20 resumes stored. Delete one you no longer use, then upload again."
)

// CheckResume tells the type of an uploaded resume from its content, never
// from its name or the browser's claim. It returns the content type, or a
// message for the person uploading.
func CheckResume(data []byte) (contentType, msg string) {
	switch {
	case len(data) == 0:
		return "", msgResumeEmpty
	case len(data) > MaxResumeBytes:
		return "", msgResumeTooLarge
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return ResumePDF, ""
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		// The archive must start the file: a zip appended to a program
		// would otherwise pass, since zip readers look at the end.
		if msg := checkDocx(data); msg != "" {
			return "", msg
		}
		return ResumeDOCX, ""
	}
	return "", msgResumeType
}

// checkDocx opens the archive and unpacks every entry, counting what comes
// out rather than trusting the sizes it declares.
func checkDocx(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return msgResumeNotDocx
	}
	if len(zr.File) > maxDocxEntries {
		return msgResumeUnpacked
	}
	var declared uint64
	parts := map[string]bool{}
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		parts[f.Name] = true
	}
	if !parts["[Content_Types].xml"] || !parts["word/document.xml"] {
		return msgResumeNotDocx
	}
	if declared > maxDocxUnpacked {
		return msgResumeUnpacked
	}
	left := int64(maxDocxUnpacked)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return msgResumeDamaged
		}
		n, err := io.Copy(io.Discard, io.LimitReader(rc, left+1))
		rc.Close()
		left -= n
		switch {
		case left < 0:
			return msgResumeUnpacked
		case errors.Is(err, zip.ErrFormat):
			// While reading, this means the entry went on past the size it
			// declared: a lying header.
			return msgResumeUnpacked
		case err != nil:
			return msgResumeDamaged
		}
	}
	return ""
}

// resumeFilename keeps the last element of what the browser sent, printable
// and short, with the extension of the type found in the content (a PDF
// named .docx is stored as .pdf, so it opens in the right program).
func resumeFilename(name, contentType string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) || r == '"' {
			return -1
		}
		return r
	}, path.Base(name))
	ext := map[string]string{ResumePDF: ".pdf", ResumeDOCX: ".docx"}[contentType]
	base := strings.TrimSpace(strings.TrimSuffix(name, path.Ext(name)))
	if base == "" || base == "." || base == "/" {
		base = "resume"
	}
	if r := []rune(base); len(r) > 100 {
		base = string(r[:100])
	}
	return base + ext
}

// SaveResume checks an uploaded resume by its content (PDF or DOCX, size
// limits) and stores it; a bad file is a ValidationErrors{"resume": …} and
// nothing is stored. The new resume becomes the current one (shown on the
// profile) unless makeCurrent is false.
func SaveResume(ctx context.Context, db bun.IDB, files FileStore, userID int64, filename string, data []byte, makeCurrent bool) (*Resume, error) {
	if len(data) == 0 && filename == "" {
		return nil, ValidationErrors{"resume": msgResumeMissing}
	}
	ct, msg := CheckResume(data)
	if msg != "" {
		return nil, ValidationErrors{"resume": msg}
	}
	r := &Resume{UserID: userID, Filename: resumeFilename(filename, ct), ContentType: ct,
		SizeBytes: len(data), IsCurrent: makeCurrent}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Holding the user row makes concurrent uploads of one coder take
		// turns, so the count below is exact and one resume stays current.
		if _, err := tx.NewRaw(`SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE`, userID).Exec(ctx); err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*Resume)(nil)).Where("user_id = ?", userID).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxResumes {
			return ValidationErrors{"resume": msgResumeTooMany}
		}
		key, err := files.Put(ctx, tx, userID, data)
		if err != nil {
			return err
		}
		r.StorageKey = key
		if makeCurrent {
			if _, err := tx.NewUpdate().Model((*Resume)(nil)).Set("is_current = false").
				Where("user_id = ? AND is_current", userID).Exec(ctx); err != nil {
				return err
			}
		}
		_, err = tx.NewInsert().Model(r).ExcludeColumn("id", "created_at").Returning("id, created_at").Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// ResumeByID returns a resume or ErrNotFound. Callers check who may see it.
func ResumeByID(ctx context.Context, db bun.IDB, id int64) (*Resume, error) {
	r := new(Resume)
	err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
	return r, notFound(err)
}

// ResumesOf lists a coder's resumes, the current one first, then newest.
func ResumesOf(ctx context.Context, db bun.IDB, userID int64) ([]Resume, error) {
	var rs []Resume
	err := db.NewSelect().Model(&rs).Where("user_id = ?", userID).
		Order("is_current DESC", "created_at DESC", "id DESC").Scan(ctx)
	return rs, err
}

// CurrentResume returns the resume shown on the coder's profile, or
// ErrNotFound when there is none.
func CurrentResume(ctx context.Context, db bun.IDB, userID int64) (*Resume, error) {
	r := new(Resume)
	err := db.NewSelect().Model(r).Where("user_id = ? AND is_current", userID).Limit(1).Scan(ctx)
	return r, notFound(err)
}

// DeleteResume removes one of the coder's own resumes and its bytes;
// anyone else's is ErrNotFound. Applications that used it keep going
// without it. When it was the current one, the newest left takes its place.
func DeleteResume(ctx context.Context, db bun.IDB, files FileStore, userID, id int64) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r := new(Resume)
		err := tx.NewDelete().Model(r).Where("id = ? AND user_id = ?", id, userID).Returning("*").Scan(ctx)
		if err := notFound(err); err != nil {
			return err
		}
		if err := files.Delete(ctx, tx, r.StorageKey); err != nil {
			return err
		}
		if !r.IsCurrent {
			return nil
		}
		_, err = tx.NewRaw(`UPDATE resumes SET is_current = true WHERE id = (
			SELECT id FROM resumes WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 1)`, userID).Exec(ctx)
		return err
	})
}

// SizeText is the file's size as people read it: "84 KB", "1.2 MB".
func (r Resume) SizeText() string {
	if r.SizeBytes < 1<<20 {
		return strconv.Itoa(max(1, (r.SizeBytes+1023)>>10)) + " KB"
	}
	return strconv.FormatFloat(float64(r.SizeBytes)/(1<<20), 'f', 1, 64) + " MB"
}

// KindText names the file's type for people.
func (r Resume) KindText() string {
	if r.ContentType == ResumePDF {
		return "PDF"
	}
	return "Word document"
}
