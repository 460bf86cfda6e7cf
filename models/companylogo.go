package models

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"time"

	"github.com/uptrace/bun"
)

// MaxLogoBytes is the largest logo accepted.
const MaxLogoBytes = 1 << 20

// Logo is a company's image, served from the database.
type Logo struct {
	bun.BaseModel `bun:"table:company_logos"`

	CompanyID   int64     `bun:"company_id,pk"`
	ContentType string    `bun:"content_type"`
	Data        []byte    `bun:"data"`
	UpdatedAt   time.Time `bun:"updated_at,nullzero,default:now()"`
}

// checkLogo tells the type of an uploaded logo from its content, never from
// its name or the browser's claim, so a renamed text file or an SVG (which
// can carry script) is refused. It returns the content type, or a message
// for the person uploading.
func checkLogo(data []byte) (contentType, msg string) {
	if len(data) == 0 {
		return "", "This file is empty. Choose a PNG, JPEG or WebP image."
	}
	if len(data) > MaxLogoBytes {
		return "", "This file is larger than 1 MB. Choose a smaller image."
	}
	var cfg image.Config
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		contentType = "image/png"
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		contentType = "image/jpeg"
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case len(data) >= 16 && string(data[0:4]) == "RIFF" && string(data[8:15]) == "WEBPVP8":
		// The standard library has no WebP decoder; the signature and the
		// VP8 chunk that follows it are enough to serve it as an image.
		return "image/webp", ""
	default:
		return "", "This file is not a PNG, JPEG or WebP image. Choose one of those (SVG is not accepted)."
	}
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return "", "This image is damaged or incomplete. Choose another file."
	}
	return contentType, ""
}

// saveLogoFromInput stores the form's logo, when one was sent.
func saveLogoFromInput(ctx context.Context, db bun.IDB, companyID int64, in CompanyInput) error {
	if in.Logo == nil {
		return nil
	}
	ct, msg := checkLogo(in.Logo)
	if msg != "" {
		return ValidationErrors{"logo": msg}
	}
	_, err := db.NewInsert().Model(&Logo{CompanyID: companyID, ContentType: ct, Data: in.Logo}).
		ExcludeColumn("updated_at").
		On("CONFLICT (company_id) DO UPDATE").
		Set("content_type = EXCLUDED.content_type, data = EXCLUDED.data, updated_at = now()").
		Exec(ctx)
	return err
}

// DeleteCompanyLogo removes the logo, if any.
func DeleteCompanyLogo(ctx context.Context, db bun.IDB, companyID int64) error {
	_, err := db.NewDelete().Model((*Logo)(nil)).Where("company_id = ?", companyID).Exec(ctx)
	return err
}

// CompanyLogo returns the logo with its bytes, or ErrNotFound.
func CompanyLogo(ctx context.Context, db bun.IDB, companyID int64) (*Logo, error) {
	l := new(Logo)
	err := db.NewSelect().Model(l).Where("company_id = ?", companyID).Scan(ctx)
	return l, notFound(err)
}

// CompanyLogoUpdatedAt returns when the logo last changed, without its bytes;
// the zero time means there is none. Pages put it in the logo's URL so a new
// logo is fetched at once despite long caching.
func CompanyLogoUpdatedAt(ctx context.Context, db bun.IDB, companyID int64) (time.Time, error) {
	var at []time.Time
	err := db.NewRaw(`SELECT updated_at FROM company_logos WHERE company_id = ?`, companyID).Scan(ctx, &at)
	if err != nil || len(at) == 0 {
		return time.Time{}, err
	}
	return at[0], nil
}
