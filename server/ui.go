package server

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"sync"

	"github.com/gin-gonic/gin"
)

// ui holds the explorer page: index.html and its icon, and in ui/dist the
// bundle (app.js, style.css) that `make ui` builds from ui/src with esbuild.
// The bundle is committed, so that `go build` or `go install` alone gives
// the whole explorer; `make test` fails when ui/src and the bundle differ.
// Scripts and styles live in their own files because the page's
// Content-Security-Policy ("default-src 'self'") forbids inline ones.
//
//go:embed ui/index.html ui/icon.svg ui/dist
var ui embed.FS

// assetDirs are the folders /ui/NAME is looked up in, in order: the built
// bundle first, then the hand-written files.
var assetDirs = []string{"ui/dist/", "ui/"}

// assetTypes maps the extensions of the embedded files to their media types;
// fixed here rather than read from the system's tables.
var assetTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
}

// handleIndex serves the explorer page.
func (s *Server) handleIndex(c *gin.Context) { s.serveAsset(c, "index.html") }

// handleAsset serves a file of the explorer page from /ui/.
func (s *Server) handleAsset(c *gin.Context) { s.serveAsset(c, c.Param("file")) }

func (s *Server) serveAsset(c *gin.Context, name string) {
	typ, ok := assetTypes[path.Ext(name)]
	if !ok || !fs.ValidPath(name) {
		s.writeError(c, errNoRoute)
		return
	}
	for _, dir := range assetDirs {
		b, err := ui.ReadFile(dir + name)
		if err != nil {
			continue
		}
		// The browser asks again each time (no-cache) and keeps what it
		// has when the tag matches: the bundle it compiled stays compiled.
		tag := assetTag(dir+name, b)
		c.Header("Cache-Control", "no-cache")
		c.Header("ETag", tag)
		if c.GetHeader("If-None-Match") == tag {
			c.Status(http.StatusNotModified)
			return
		}
		c.Data(http.StatusOK, typ, b)
		return
	}
	s.writeError(c, errNoRoute)
}

// assetTags caches the ETag of each embedded file, by path.
var assetTags sync.Map

// assetTag returns the ETag of the embedded file at p with contents b: a
// digest of the contents, so that a new build gets new tags.
func assetTag(p string, b []byte) string {
	if t, ok := assetTags.Load(p); ok {
		return t.(string)
	}
	sum := sha256.Sum256(b)
	t := `"` + hex.EncodeToString(sum[:12]) + `"`
	assetTags.Store(p, t)
	return t
}
