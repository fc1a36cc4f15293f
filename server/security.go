package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// token is the write token, kept as its SHA-256 so that comparing it takes
// the same time whatever the length and content of the guess.
type token struct {
	sum [sha256.Size]byte
}

// newToken returns the token t, or nil when t is empty: writes disabled.
func newToken(t string) *token {
	if t == "" {
		return nil
	}
	return &token{sum: sha256.Sum256([]byte(t))}
}

// matches reports, in constant time, whether guess is the token.
func (t *token) matches(guess string) bool {
	g := sha256.Sum256([]byte(guess))
	return subtle.ConstantTimeCompare(t.sum[:], g[:]) == 1
}

// analystToken is a write token that names its analyst.
type analystToken struct {
	token
	name string
}

// newAnalystTokens returns the tokens of Options.Tokens.
func newAnalystTokens(m map[string]string) []analystToken {
	var out []analystToken
	for t, name := range m {
		out = append(out, analystToken{token: *newToken(t), name: name})
	}
	return out
}

// analystKey is the request context key of the analyst whose token a
// write carries.
const analystKey = "accord.analyst"

// maxCorrectionBody bounds a correction's JSON.
const maxCorrectionBody = 64 << 10

// Details of the write routes' refusals.
const (
	detailWritesOff = "writes are disabled: start the server with ACCORD_TOKEN set or --tokens FILE"
	detailNoToken   = "this route changes the graph: send the server's token as \"Authorization: Bearer TOKEN\""
	detailBadToken  = "the bearer token is not the server's"
)

// authorize lets a write request through when it carries the server's
// bearer token. Without a token configured the write routes are disabled
// (403); a missing or wrong token is 401 with a Bearer challenge.
func (s *Server) authorize(c *gin.Context) bool {
	t := s.guard.token
	if t == nil && len(s.guard.analysts) == 0 {
		s.writeError(c, &statusError{status: http.StatusForbidden, detail: detailWritesOff})
		return false
	}
	scheme, guess, _ := strings.Cut(strings.TrimSpace(c.GetHeader("Authorization")), " ")
	guess = strings.TrimSpace(guess)
	switch {
	case !strings.EqualFold(scheme, "Bearer") || guess == "":
		c.Header("WWW-Authenticate", `Bearer realm="accord"`)
		s.writeError(c, &statusError{status: http.StatusUnauthorized, detail: detailNoToken})
		return false
	case s.analystOf(c, guess):
		return true
	case t == nil || !t.matches(guess):
		s.logger.Warn("write refused: wrong token", "method", c.Request.Method, "path", c.Request.URL.Path, "remote", c.RemoteIP())
		c.Header("WWW-Authenticate", `Bearer realm="accord", error="invalid_token"`)
		s.writeError(c, &statusError{status: http.StatusUnauthorized, detail: detailBadToken})
		return false
	}
	return true
}

// analystOf reports whether guess is an analyst's token, and then notes
// the analyst for the handler. Every token is compared, so that the time
// taken says nothing about which matched.
func (s *Server) analystOf(c *gin.Context, guess string) bool {
	name := ""
	for _, a := range s.guard.analysts {
		if a.matches(guess) {
			name = a.name
		}
	}
	if name == "" {
		return false
	}
	c.Set(analystKey, name)
	return true
}

// corsMethods and corsHeaders are what a page of the allowed origin may use.
const (
	corsMethods = "GET, POST, DELETE"
	corsHeaders = "Authorization, Content-Type"
	corsExpose  = "Location, Retry-After, WWW-Authenticate"
)

// cors lets the pages of one origin (Options.CORSOrigin) call the API from
// a browser; with no origin configured, CORS is off and browsers keep
// other sites' pages away from the API. A preflight from the allowed
// origin is answered here (204); one from any other is 403.
func (s *Server) cors(c *gin.Context) {
	allowed := s.guard.corsOrigin
	if allowed == "" {
		c.Next()
		return
	}
	c.Writer.Header().Add("Vary", "Origin")
	origin := c.GetHeader("Origin")
	preflight := c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != ""
	if origin != allowed {
		if preflight {
			s.writeError(c, &statusError{status: http.StatusForbidden, detail: "cross-origin requests are allowed only from " + allowed})
			return
		}
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", corsExpose)
	if preflight {
		h.Set("Access-Control-Allow-Methods", corsMethods)
		h.Set("Access-Control-Allow-Headers", corsHeaders)
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}
