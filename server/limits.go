package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"accord/graph"
)

// Limits bounds what one client and one request may cost the server. The
// zero value of a field means its default, except RateLimit, whose zero
// turns the rate limit off.
type Limits struct {
	// RateLimit is how many requests per second one client (one remote
	// address) may make on average; 0 turns the limit off. Past it the
	// server answers 429 with Retry-After. cmd's default is
	// DefaultRateLimit.
	RateLimit float64
	// RateBurst is how many requests a client may make at once before
	// RateLimit applies; default twice RateLimit.
	RateBurst int

	// MaxBody is the largest request body of the read routes, in bytes
	// (the Gizmo route has its own 64 KiB); default DefaultMaxBody.
	MaxBody int64
	// MaxIngestBody is the largest body of the ingest and import routes;
	// default DefaultMaxIngestBody.
	MaxIngestBody int64

	// RequestTimeout bounds the work of one request; past it the answer is
	// a 503 problem. Streamed exports are bounded by WriteIdle instead.
	// Default 30 s.
	RequestTimeout time.Duration
	// IngestTimeout does the same for the write routes; default 5 min.
	IngestTimeout time.Duration
	// ReadHeaderTimeout bounds the reading of a request's headers and
	// ReadTimeout of the whole request, body included: slow clients are
	// cut off. Defaults 10 s and 1 min.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	// WriteIdle is how long a streamed answer waits for a client that does
	// not take its bytes; default 1 min.
	WriteIdle time.Duration
	// IdleTimeout is how long a kept-alive connection waits for its next
	// request; default 2 min.
	IdleTimeout time.Duration

	// GizmoSlots is how many Gizmo queries run at once; others wait for a
	// slot within their RequestTimeout. Default the number of CPUs.
	GizmoSlots int
	// GizmoMemory is how much the heap may grow while Gizmo queries run
	// before they are stopped; default DefaultGizmoMemory.
	GizmoMemory uint64
}

// Defaults of Limits.
const (
	DefaultRateLimit     = 50
	DefaultRateBurst     = 100
	DefaultMaxBody       = 1 << 20
	DefaultMaxIngestBody = 10 << 20
	DefaultGizmoMemory   = 256 << 20
)

// withDefaults fills in the zero fields.
func (l Limits) withDefaults() Limits {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if l.RateLimit < 0 {
		l.RateLimit = 0
	}
	if l.RateBurst <= 0 {
		l.RateBurst = max(1, int(math.Ceil(2*l.RateLimit)))
	}
	if l.MaxBody <= 0 {
		l.MaxBody = DefaultMaxBody
	}
	if l.MaxIngestBody <= 0 {
		l.MaxIngestBody = DefaultMaxIngestBody
	}
	def(&l.RequestTimeout, 30*time.Second)
	def(&l.IngestTimeout, 5*time.Minute)
	def(&l.ReadHeaderTimeout, 10*time.Second)
	def(&l.ReadTimeout, time.Minute)
	def(&l.WriteIdle, time.Minute)
	def(&l.IdleTimeout, 2*time.Minute)
	if l.GizmoSlots <= 0 {
		l.GizmoSlots = runtime.NumCPU()
	}
	if l.GizmoMemory == 0 {
		l.GizmoMemory = DefaultGizmoMemory
	}
	return l
}

// writeGrace is how long after its work deadline a request may still take
// to send its answer, problem included.
const writeGrace = 10 * time.Second

// Media types the guarded routes accept.
var (
	documentTypes = []string{"text/plain", "text/markdown", "text/x-markdown", "text/html", "multipart/form-data"}
	nquadsTypes   = []string{nquadsType, "text/x-nquads"}
	jsonTypes     = []string{"application/json"}
	jsonOrNone    = []string{"application/json", ""}
	gizmoTypes    = []string{"application/javascript", "text/javascript", "text/plain", "application/json", ""}
)

// routePolicy is how the guards treat one route, beyond what every route
// gets (rate limit, body limit, deadline).
type routePolicy struct {
	write  bool     // needs the bearer token, and gets the ingest limits
	types  []string // the media types its body may have; nil: any
	body   int64    // its own body limit; 0: MaxBody, or MaxIngestBody for writes
	stream bool     // a streamed answer: no work deadline, and the write deadline moves with each write
	gizmo  bool     // takes a Gizmo slot and is watched for memory
}

// policies holds the routes that differ from the defaults, keyed by
// method and route pattern.
var policies = map[string]routePolicy{
	"POST /api/v1/documents":            {write: true, types: documentTypes},
	"DELETE /api/v1/documents/:id":      {write: true},
	"POST /api/v1/import":               {write: true, types: nquadsTypes},
	"POST /api/v1/corrections":          {write: true, types: jsonTypes, body: maxCorrectionBody},
	"POST /api/v1/corrections/:id/undo": {write: true, types: jsonOrNone, body: maxCorrectionBody},
	"POST /api/v1/query/gizmo":          {types: gizmoTypes, body: maxGizmoBody, gizmo: true},
	"GET /api/v1/export":                {stream: true},
}

// guard is the state of the guards: the limits, the token and the rate
// limiter.
type guard struct {
	limits     Limits
	token      *token
	analysts   []analystToken // Options.Tokens
	corsOrigin string
	rate       *rateLimiter     // nil when off
	gizmoSlots chan struct{}    // one token per running Gizmo query
	writeSlots chan struct{}    // one token per running write
	heap       func() uint64    // live heap bytes, for the Gizmo watchdog
	ingest     IngestFunc       // nil: document ingest not configured
	now        func() time.Time // the clock of the rate limiter
}

// newGuard builds the guards' state from the server's options.
func newGuard(opts Options) *guard {
	l := opts.Limits.withDefaults()
	g := &guard{
		limits:     l,
		token:      newToken(opts.Token),
		analysts:   newAnalystTokens(opts.Tokens),
		corsOrigin: strings.TrimRight(opts.CORSOrigin, "/"),
		gizmoSlots: make(chan struct{}, l.GizmoSlots),
		writeSlots: make(chan struct{}, 2),
		heap:       heapBytes,
		ingest:     opts.Ingest,
		now:        time.Now,
	}
	if l.RateLimit > 0 {
		g.rate = newRateLimiter(l.RateLimit, l.RateBurst)
	}
	return g
}

// useGuards registers the middleware that every request passes after the
// security headers: the rate limit, CORS, and the route's policy (token,
// media type, body limit, deadlines, Gizmo slots). Client addresses are
// the connection's peers: no forwarding header is trusted. A path with a
// trailing slash is not redirected (gin would build the Location from the
// X-Forwarded-Prefix header): it is a 404 like any unknown path.
func (s *Server) useGuards(r *gin.Engine) {
	_ = r.SetTrustedProxies(nil)
	r.RedirectTrailingSlash = false
	r.Use(s.limitRate, s.cors, s.guardRoute)
}

// errRequestTimeout is the cause of a request's context when its work
// deadline passes; errGizmoMemory when a Gizmo query is stopped for its
// memory.
var (
	errRequestTimeout = errors.New("server: request deadline")
	errGizmoMemory    = errors.New("server: gizmo memory")
)

// statusError is an error the guards and the write routes answer with a
// fixed status and detail.
type statusError struct {
	status int
	detail string
	extra  map[string]any // RFC 9457 extension members
}

func (e *statusError) Error() string { return e.detail }

// guardProblem returns the status, detail and extension members of the
// errors that the guards, the write routes and request bodies produce;
// writeError asks it first. ok is false for any other error.
func (s *Server) guardProblem(c *gin.Context, err error) (status int, detail string, extra map[string]any, ok bool) {
	var se *statusError
	var mbe *http.MaxBytesError
	var ie *graph.ImportError
	ctx := c.Request.Context()
	switch {
	case errors.As(err, &se):
		return se.status, se.detail, se.extra, true
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("The request body is larger than this route's limit of %s.", byteSize(mbe.Limit)), nil, true
	case errors.Is(err, os.ErrDeadlineExceeded):
		// The connection's read deadline: the client sent its body too slowly.
		return http.StatusRequestTimeout, fmt.Sprintf("The request body did not arrive within %s.", s.guard.limits.ReadTimeout), nil, true
	case errors.Is(err, io.ErrUnexpectedEOF):
		return http.StatusBadRequest, "The request body ended early.", nil, true
	case ctx.Err() != nil && errors.Is(context.Cause(ctx), errGizmoMemory):
		return http.StatusUnprocessableEntity, fmt.Sprintf("The query was stopped: it used more than %s of memory.", byteSize(int64(s.guard.limits.GizmoMemory))), nil, true
	case ctx.Err() != nil && errors.Is(context.Cause(ctx), errRequestTimeout):
		s.logger.Warn("request past its deadline", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		c.Header("Retry-After", "10")
		return http.StatusServiceUnavailable, "The request took longer than the server's limit; narrow it (limit, depth, predicate) or try again later.", nil, true
	case errors.As(err, &ie):
		return http.StatusUnprocessableEntity, "N-Quads " + clientDetail(ie) + "; nothing was imported.", nil, true
	}
	return 0, "", nil, false
}

// byteSize writes a byte count for people.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// guardRoute applies the route's policy: the write token, the body's media
// type and size, the work and write deadlines, and the Gizmo slots.
func (s *Server) guardRoute(c *gin.Context) {
	g := s.guard
	p := policies[c.Request.Method+" "+c.FullPath()]
	if p.write && !s.authorize(c) {
		return
	}
	limit := g.limits.MaxBody
	switch {
	case p.body > 0:
		limit = p.body
	case p.write:
		limit = g.limits.MaxIngestBody
	}
	if c.Request.ContentLength > limit {
		s.writeError(c, &http.MaxBytesError{Limit: limit})
		return
	}
	if p.types != nil && !s.checkType(c, p.types) {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)

	rc := http.NewResponseController(c.Writer)
	if p.stream {
		_ = rc.SetWriteDeadline(time.Time{}) // until the first write
		c.Writer = &idleWriter{ResponseWriter: c.Writer, rc: rc, idle: g.limits.WriteIdle}
		c.Next()
		return
	}
	d := g.limits.RequestTimeout
	if p.write {
		d = g.limits.IngestTimeout
	}
	_ = rc.SetWriteDeadline(time.Now().Add(d + writeGrace))
	ctx, cancel := context.WithTimeoutCause(c.Request.Context(), d, errRequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)

	var slots chan struct{}
	switch {
	case p.gizmo:
		slots = g.gizmoSlots
	case p.write:
		slots = g.writeSlots
	}
	if slots != nil {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		case <-ctx.Done():
			s.writeError(c, ctx.Err())
			return
		}
	}
	if p.gizmo {
		stop := s.watchHeap(c)
		defer stop()
	}
	c.Next()
}

// checkType answers 415 unless the request's media type is one of types
// ("" accepts a request without Content-Type).
func (s *Server) checkType(c *gin.Context, types []string) bool {
	ct := c.GetHeader("Content-Type")
	mt := ""
	if ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			mt = "invalid"
		}
	}
	for _, t := range types {
		if mt == t {
			return true
		}
	}
	var names []string
	for _, t := range types {
		if t != "" {
			names = append(names, t)
		}
	}
	got := "no Content-Type"
	if ct != "" {
		got = "Content-Type " + strconv.Quote(ct)
	}
	c.Header("Accept-Post", strings.Join(names, ", "))
	s.writeError(c, &statusError{status: http.StatusUnsupportedMediaType,
		detail: fmt.Sprintf("%s %s takes %s; the request has %s.", c.Request.Method, c.FullPath(), strings.Join(names, ", "), got)})
	return false
}

// idleWriter moves the connection's write deadline forward as a streamed
// answer makes progress, so that a long export to a reading client goes
// on while one to a client that stopped reading is cut after idle.
type idleWriter struct {
	gin.ResponseWriter
	rc   *http.ResponseController
	idle time.Duration
	next time.Time // when to move the deadline again
}

// Write moves the deadline (at most every quarter of idle) and writes.
func (w *idleWriter) Write(b []byte) (int, error) {
	w.extend()
	return w.ResponseWriter.Write(b)
}

// WriteString moves the deadline and writes.
func (w *idleWriter) WriteString(s string) (int, error) {
	w.extend()
	return w.ResponseWriter.WriteString(s)
}

func (w *idleWriter) extend() {
	if now := time.Now(); now.After(w.next) {
		_ = w.rc.SetWriteDeadline(now.Add(w.idle))
		w.next = now.Add(w.idle / 4)
	}
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *idleWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// gizmoMetric is the runtime metric the Gizmo watchdog reads: the bytes of
// live and not yet swept heap objects, readable without stopping the world.
const gizmoMetric = "/memory/classes/heap/objects:bytes"

// heapBytes returns the current value of gizmoMetric.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: gizmoMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// watchHeap stops the request's Gizmo query when the heap grows by more
// than GizmoMemory while it runs: a script can allocate about half a
// gigabyte a second in its JavaScript engine, which no other limit stops
// before its deadline. The heap is the process's, so the watch is coarse;
// it guards the server, not the exact size of one query. Call the returned
// function when the query is done.
func (s *Server) watchHeap(c *gin.Context) (stop func()) {
	g := s.guard
	ctx, cancel := context.WithCancelCause(c.Request.Context())
	c.Request = c.Request.WithContext(ctx)
	base := g.heap()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if h := g.heap(); h > base && h-base > g.limits.GizmoMemory {
					cancel(errGizmoMemory)
					return
				}
			}
		}
	}()
	return func() {
		close(done)
		cancel(nil)
	}
}

// rateLimiter is a token bucket per client: each client's bucket holds up
// to burst tokens and refills at rate tokens a second; a request takes one.
type rateLimiter struct {
	rate, burst float64
	mu          sync.Mutex
	buckets     map[string]*bucket
	swept       time.Time
}

// bucket is one client's tokens as of last.
type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(rate float64, burst int) *rateLimiter {
	return &rateLimiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket at now. When there is none it
// returns false and how long until there is one.
func (l *rateLimiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// sweep forgets, once a minute, the buckets that have refilled: a client
// not seen since is as good as new.
func (l *rateLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.last) > full {
			delete(l.buckets, k)
		}
	}
}

// limitRate answers 429 with Retry-After to a client past its rate.
func (s *Server) limitRate(c *gin.Context) {
	r := s.guard.rate
	if r == nil {
		c.Next()
		return
	}
	ok, wait := r.allow(c.RemoteIP(), s.guard.now())
	if ok {
		c.Next()
		return
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.Header("Retry-After", strconv.Itoa(secs))
	s.writeError(c, &statusError{status: http.StatusTooManyRequests,
		detail: fmt.Sprintf("Too many requests from %s: the limit is %g a second (bursts of %g); retry in %d s.", c.RemoteIP(), r.rate, r.burst, secs)})
}
