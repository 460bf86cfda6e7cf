package handlers

import (
	"bytes"
	"hash/crc32"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// compressible are the answers worth compressing: HTML, CSS, JavaScript,
// XML (the feed, the sitemap) and JSON. Images, PDFs and uploads are left as
// they are.
var compressible = [][]byte{
	[]byte("text/html"), []byte("text/css"), []byte("text/javascript"), []byte("application/javascript"),
	[]byte("text/xml"), []byte("application/xml"), []byte("application/rss+xml"), []byte("application/json"),
	[]byte("text/plain"), []byte("image/svg+xml"), []byte("text/csv"),
}

func isCompressible(contentType []byte) bool {
	for _, t := range compressible {
		if bytes.HasPrefix(contentType, t) {
			return true
		}
	}
	return false
}

// compressText compresses text answers with brotli or gzip, whichever the
// client prefers to accept, and says that the answer varies with
// Accept-Encoding. HTML pages also vary with the session cookie (the header
// shows who is signed in). Error pages, rendered after this returns, go out
// as they are.
func compressText() fiber.Handler {
	compress := fasthttp.CompressHandlerBrotliLevel(func(*fasthttp.RequestCtx) {},
		fasthttp.CompressBrotliDefaultCompression, fasthttp.CompressDefaultCompression)
	return func(c *fiber.Ctx) error {
		if err := c.Next(); err != nil {
			return err
		}
		ct := c.Response().Header.ContentType()
		if bytes.HasPrefix(ct, []byte("text/html")) {
			c.Vary(fiber.HeaderCookie)
		}
		if !isCompressible(ct) || len(c.Response().Header.ContentEncoding()) > 0 {
			return nil
		}
		c.Vary(fiber.HeaderAcceptEncoding)
		compress(c.Context())
		return nil
	}
}

// validators gives a cacheable answer (the feed, the sitemap, the assets)
// an ETag and a Last-Modified, and answers 304 Not Modified when the client's
// copy is current. A handler may set Last-Modified itself (the newest job);
// otherwise it is the time the binary was built.
func validators(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return err
	}
	res := c.Response()
	if res.StatusCode() != fiber.StatusOK || (c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead) {
		return nil
	}
	etag := string(res.Header.Peek(fiber.HeaderETag)) // a handler that knows its version sets it
	if etag == "" {
		body := res.Body()
		etag = `W/"` + strconv.Itoa(len(body)) + "-" + strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 36) + `"`
		c.Set(fiber.HeaderETag, etag)
	}
	if len(res.Header.Peek(fiber.HeaderLastModified)) == 0 {
		c.Set(fiber.HeaderLastModified, builtAtHTTP)
	}
	if notModified(c, etag) {
		res.ResetBody()
		res.Header.Del(fiber.HeaderContentType)
		return c.SendStatus(fiber.StatusNotModified)
	}
	return nil
}

// notModified applies RFC 9110's order: If-None-Match when sent, else
// If-Modified-Since.
func notModified(c *fiber.Ctx, etag string) bool {
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	since, err := http.ParseTime(c.Get(fiber.HeaderIfModifiedSince))
	if err != nil {
		return false
	}
	modified, err := http.ParseTime(string(c.Response().Header.Peek(fiber.HeaderLastModified)))
	return err == nil && !modified.Truncate(time.Second).After(since)
}

// setLastModified states when what a handler answers last changed.
func setLastModified(c *fiber.Ctx, t time.Time) {
	if !t.IsZero() {
		c.Set(fiber.HeaderLastModified, t.UTC().Format(http.TimeFormat))
	}
}

// builtAtHTTP is builtAt as an HTTP date.
var builtAtHTTP = builtAt.Format(http.TimeFormat)

// builtAt is the commit time of the build when Go recorded it (the same for
// every process of one release), else the time this process started.
var builtAt = func() time.Time {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return t.UTC()
				}
			}
		}
	}
	return time.Now().UTC().Truncate(time.Second)
}()

// acceptedEncoding is the compression the client takes, brotli first:
// "br", "gzip", or "" for none.
func acceptedEncoding(c *fiber.Ctx) string {
	accept := c.Get(fiber.HeaderAcceptEncoding)
	switch {
	case strings.Contains(accept, "br"):
		return "br"
	case strings.Contains(accept, "gzip"):
		return "gzip"
	}
	return ""
}

// compressBytes compresses b as compressText would for encoding enc.
func compressBytes(enc string, b []byte) []byte {
	if enc == "br" {
		return fasthttp.AppendBrotliBytesLevel(nil, b, fasthttp.CompressBrotliDefaultCompression)
	}
	return fasthttp.AppendGzipBytesLevel(nil, b, fasthttp.CompressDefaultCompression)
}
