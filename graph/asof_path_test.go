package graph

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestAsOfPathCaches checks that an as-of path search answers the same
// whatever its read cache holds: with a cache started afresh (each edge
// list read from the index, and when each edge held kept with it), after
// plain searches cached the lists without those dates, after as-of
// searches on another day kept them, and when asked again. It asks for
// three paths, whose shared hops are described once.
func TestAsOfPathCaches(t *testing.T) {
	ctx := context.Background()
	for _, spec := range []string{"memory", "bolt:" + filepath.Join(t.TempDir(), "db")} {
		t.Run(spec[:4], func(t *testing.T) {
			s := openSpec(t, spec)
			opt := SynthOptions{Facts: 3000, Documents: 30}
			if err := s.Synthesize(ctx, opt, 0, nil); err != nil {
				t.Fatal(err)
			}
			g := NewSynth(opt)
			fresh := func() {
				s.namesMu.Lock()
				if s.names != nil {
					s.names.cache = nil
				}
				s.namesMu.Unlock()
			}
			path := func(from, to, day string) string {
				t.Helper()
				res, err := s.Path(ctx, from, to, PathOptions{AsOf: day, K: 3})
				if err != nil {
					t.Fatal(err)
				}
				j, _ := json.Marshal(res)
				return string(j)
			}
			days := []string{"2016-06-01", "2020-01-01", "2030-01-01"}
			type ask struct{ from, to, day string }
			var asks []ask
			want := map[ask]string{}
			found := 0
			for i := 0; i < 24; i++ {
				from, to := g.Entity(i*37%(opt.Facts/10)).ID, g.Entity((i*53+11)%(opt.Facts/10)).ID
				for _, day := range days {
					a := ask{from, to, day}
					fresh()
					want[a] = path(from, to, day)
					var res PathResult
					json.Unmarshal([]byte(want[a]), &res)
					if len(res.Paths) > 1 {
						found++
					}
					asks = append(asks, a)
				}
			}
			if found < 10 {
				t.Fatalf("%d of %d searches found more than one path; want at least 10", found, len(asks))
			}
			for _, order := range []string{"plain first", "another day first", "again"} {
				fresh()
				for i, a := range asks {
					switch order {
					case "plain first":
						path(a.from, a.to, "")
					case "another day first":
						path(a.from, a.to, days[(i+1)%len(days)])
					case "again":
						path(a.from, a.to, a.day)
					}
					if got := path(a.from, a.to, a.day); got != want[a] {
						t.Errorf("%s: path %s to %s as of %s:\n got %s\nwant %s", order, a.from, a.to, a.day, got, want[a])
					}
				}
			}
		})
	}
}
