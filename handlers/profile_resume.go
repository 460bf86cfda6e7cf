package handlers

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"careercenter/models"
)

// uploadResume stores a new resume, checked by its content, as the current
// one. A refused file comes back beside the field and nothing is kept.
func (h *Handler) uploadResume(c *fiber.Ctx) error {
	f := readForm(c)
	f.Name = resumeForm
	name, data, err := readUpload(c, "resume", models.MaxResumeBytes)
	if err != nil {
		return err
	}
	_, err = models.SaveResume(c.UserContext(), h.DB, h.Files, currentUser(c).ID, name, data, true)
	if v, ok := models.AsValidation(err); ok {
		return h.renderSavedProfile(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/profile#resumes", "Resume uploaded. It is now your current resume.")
}

// downloadOwnResume serves one of the signed-in person's resumes; anyone
// else's is 404.
func (h *Handler) downloadOwnResume(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	r, err := models.ResumeByID(c.UserContext(), h.DB, id)
	if err != nil {
		return err
	}
	if r.UserID != currentUser(c).ID {
		return fiber.ErrNotFound
	}
	return h.sendResume(c, r)
}

// deleteResume removes one of the signed-in person's resumes and its file.
func (h *Handler) deleteResume(c *fiber.Ctx) error {
	return h.deleteOwn(c, func(ctx context.Context, db bun.IDB, userID, id int64) error {
		return models.DeleteResume(ctx, db, h.Files, userID, id)
	}, "/profile#resumes", "Resume deleted.")
}

// exportData downloads everything kept about the signed-in person: a zip
// of data.json and their resume files.
func (h *Handler) exportData(c *fiber.Ctx) error {
	var buf bytes.Buffer
	if err := models.WriteDataExport(c.UserContext(), h.DB, h.Files, currentUser(c).ID, h.now(), &buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, attachment("careercenter-data-"+h.now().UTC().Format("2006-01-02")+".zip"))
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	return c.Send(buf.Bytes())
}

// sendResume serves a resume as a download that the browser must not run
// or render inline: an attachment, under its checked type, never sniffed,
// and sandboxed should it be opened anyway. The employer's download of an
// applicant's resume serves it the same way.
func (h *Handler) sendResume(c *fiber.Ctx, r *models.Resume) error {
	data, err := h.Files.Get(c.UserContext(), h.DB, r.StorageKey)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, r.ContentType)
	c.Set(fiber.HeaderContentDisposition, attachment(r.Filename))
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderContentSecurityPolicy, "sandbox; default-src 'none'")
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(data)
}

// attachment is a Content-Disposition that names the file safely: an ASCII
// fallback with anything unusual replaced, and the full name encoded
// (RFC 6266), so no quote or line break in a name can bend the header.
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_ ()", r)) {
			return r
		}
		return '_'
	}, name)
	var enc strings.Builder
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0) {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + enc.String()
}

// readUpload returns the name and bytes of an uploaded file, reading one
// byte past max so the model can refuse the size. No file chosen gives ""
// and no bytes.
func readUpload(c *fiber.Ctx, field string, max int64) (string, []byte, error) {
	fh, err := c.FormFile(field)
	if err != nil || (fh.Size == 0 && fh.Filename == "") {
		return "", nil, nil
	}
	file, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, max+1))
	return fh.Filename, data, err
}
