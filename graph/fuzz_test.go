package graph

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// FuzzImport imports arbitrary N-Quads: a bad line is an ImportError and
// leaves the store empty; a good file exports and imports again to the same
// quads.
func FuzzImport(f *testing.F) {
	for _, seed := range []string{
		"<http://a/s> <http://a/p> \"o\" <http://a/g> .\n",
		"_:b <http://a/p> \"4\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<http://a/s> <http://a/p> \"x\"@en .\n",
		"<http://a/s> <http://a/p> broken .\n",
		"# comment\n\n<http://a/s> <http://a/p> \"say \\\"hi\\\"\\n\" .\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ctx := context.Background()
		s, err := Open(ctx, "memory")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Import(ctx, strings.NewReader(in)); err != nil {
			if st, _ := s.Stats(ctx); st.Quads != 0 {
				t.Fatalf("failed import (%v) left %d quads", err, st.Quads)
			}
			return
		}
		var out bytes.Buffer
		if _, err := s.Export(ctx, &out); err != nil {
			t.Fatal(err)
		}
		s2, _ := Open(ctx, "memory")
		defer s2.Close()
		if _, err := s2.Import(ctx, bytes.NewReader(out.Bytes())); err != nil {
			t.Fatalf("export does not import again: %v\n%s", err, out.String())
		}
	})
}
