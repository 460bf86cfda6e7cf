package handlers

import (
	"context"
	"io/fs"
	"mime"
	"path"
	"time"

	"github.com/gofiber/fiber/v2"

	"careercenter/assets"
)

// healthz says the process is up.
func (h *Handler) healthz(c *fiber.Ctx) error {
	return c.SendString("ok")
}

// readyz says the process can reach its database.
func (h *Handler) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.Ready(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unreachable")
	}
	return c.SendString("ready")
}

// asset serves an embedded static file. The version in the URL changes with
// the content, so the file may be cached for good.
func (h *Handler) asset(c *fiber.Ctx) error {
	name := path.Clean(c.Params("*"))
	raw, ok := h.assetCache.Load(name)
	if !ok {
		b, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			return fiber.ErrNotFound
		}
		raw, _ = h.assetCache.LoadOrStore(name, b)
	}
	b := raw.([]byte)
	// The versioned URL names the content: the ETag needs no hashing.
	c.Set(fiber.HeaderETag, `W/"`+c.Params("version")+"-"+name+`"`)
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		c.Set(fiber.HeaderContentType, ct)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	if enc := acceptedEncoding(c); enc != "" && isCompressible(c.Response().Header.ContentType()) {
		// Assets are embedded and never change: compress each once per
		// encoding, not on every request (compressText leaves encoded answers be).
		key := enc + ":" + name // never a file name: those have no colon
		v, ok := h.assetCache.Load(key)
		if !ok {
			v, _ = h.assetCache.LoadOrStore(key, compressBytes(enc, b))
		}
		b = v.([]byte)
		c.Set(fiber.HeaderContentEncoding, enc)
		c.Vary(fiber.HeaderAcceptEncoding)
	}
	return c.Send(b)
}
