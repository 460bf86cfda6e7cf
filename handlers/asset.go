package handlers

import (
	"bytes"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"careercenter/assets"
)

// assetFile is an embedded file as it is served: minified when it is a
// stylesheet or a script, compressed once per encoding, with its headers.
type assetFile struct {
	body        []byte
	encoded     map[string][]byte // by Content-Encoding
	contentType string
	etag        string
	// A stylesheet, script or raster image is never a document, so the
	// headers that govern documents (CSP, framing, referrer, …) mean nothing
	// on it; it carries only nosniff and its resource policy. An SVG can
	// run script when opened, so it carries them all.
	document bool
}

var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	return m
}()

// loadAsset reads and prepares one embedded file, or returns nil.
func loadAsset(version, name string) *assetFile {
	b, err := fs.ReadFile(assets.FS, name)
	if err != nil {
		return nil
	}
	ext := path.Ext(name)
	a := &assetFile{contentType: mime.TypeByExtension(ext), etag: `W/"` + version + "-" + name + `"`,
		document: ext != ".css" && ext != ".js" && ext != ".png" && ext != ".jpg" && ext != ".webp" && ext != ".ico"}
	if (ext == ".css" || ext == ".js") && !strings.Contains(name, ".min.") {
		mt := "text/css"
		if ext == ".js" {
			mt = "text/javascript"
		}
		var out bytes.Buffer
		if err := minifier.Minify(mt, &out, bytes.NewReader(b)); err == nil {
			b = out.Bytes()
		} // a file the minifier cannot read is served as written
	}
	a.body = b
	if isCompressible([]byte(a.contentType)) {
		a.encoded = map[string][]byte{"br": compressBytes("br", b), "gzip": compressBytes("gzip", b)}
	}
	return a
}

// asset serves an embedded static file. The version in the URL changes with
// the content, so the file may be cached for good, and it names the content:
// the ETag needs no hashing. Assets are answered before the request id, the
// log and the security headers of pages.
func (h *Handler) asset(c *fiber.Ctx) error {
	name := path.Clean(c.Params("*"))
	raw, ok := h.assetCache.Load(name)
	if !ok {
		a := loadAsset(h.AssetVersion, name)
		if a == nil {
			return fiber.ErrNotFound
		}
		raw, _ = h.assetCache.LoadOrStore(name, a)
	}
	a := raw.(*assetFile)
	if a.document {
		h.setSecurityHeaders(c)
	} else {
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		c.Set("Cross-Origin-Resource-Policy", "same-origin")
	}
	if a.contentType != "" {
		c.Set(fiber.HeaderContentType, a.contentType)
	}
	c.Set(fiber.HeaderETag, a.etag)
	c.Set(fiber.HeaderLastModified, builtAtHTTP)
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	b := a.body
	if a.encoded != nil {
		c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
		if enc := acceptedEncoding(c); enc != "" {
			b = a.encoded[enc]
			c.Set(fiber.HeaderContentEncoding, enc)
		}
	}
	if notModified(c, a.etag) {
		c.Response().Header.Del(fiber.HeaderContentType)
		c.Response().Header.Del(fiber.HeaderContentEncoding)
		return c.SendStatus(fiber.StatusNotModified)
	}
	return c.Send(b)
}
