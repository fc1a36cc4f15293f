package loader

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"accord/data"
	"accord/graph"
)

// mentionsOf extracts text and returns the trace's mentions, as "surface ->
// ids (how)" lines.
func mentionsOf(t *testing.T, lx *Lexicon, text string) []string {
	t.Helper()
	src, err := Read("t.txt", []byte("---\ndate: 2024-03-24\n---\n"+text))
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trace{}
	lx.Extract(src, tr)
	return tr.Mentions
}

// TestNationsVocabulary: the names of states, their people, capitals and
// governments resolve as data/nations.yaml says, on sentences written here.
func TestNationsVocabulary(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		text string
		want string // a mention line of the trace
	}{
		{"Canberra welcomed the decision.", "Canberra -> australia (government metonym)"},
		{"The ministers met in Canberra on Tuesday.", "Canberra -> canberra (capital as place)"},
		{"Manila and Tokyo signed the agreement.", "Manila -> philippines (government metonym)"},
		{"Whitehall said the talks would go on.", "Whitehall -> united-kingdom (government metonym)"},
		{"Officials from the Republic of Korea arrived.", "the Republic of Korea -> south-korea (dictionary)"},
		{"Many Filipinos work abroad.", "Filipinos -> philippines (demonym)"},
		{"Turkey hosted the meeting.", "Turkey -> turkiye (dictionary)"},
		{"Brussels proposed new rules.", "Brussels -> european-union (government metonym)"},
		{"The leaders met in Brussels.", "Brussels -> brussels (capital as place)"},
		{"The Kenyan delegation arrived in Nairobi.", "Nairobi -> nairobi (capital as place)"},
		{"IRCC processed the applications.", "IRCC -> ircc (dictionary)"},
		{"The UN Refugee Agency called for funding.", "UN Refugee Agency -> unhcr (dictionary)"},
		{"The State Department issued a statement.", "State Department -> us-department-of-state (dictionary)"},
		{"DFAT and Global Affairs Canada signed a memorandum.", "Global Affairs Canada -> global-affairs-canada (dictionary)"},
		{"ASEAN and the Pacific Islands Forum met.", "Pacific Islands Forum -> pacific-islands-forum (dictionary)"},
		{"Both sides upheld UNCLOS.", "UNCLOS -> unclos (dictionary)"},
		{"The two countries are parties to the Regional Comprehensive Economic Partnership.", "Regional Comprehensive Economic Partnership -> rcep (dictionary)"},
		{"Violence spread across the Sahel.", "the Sahel -> sahel (dictionary)"},
		{"The African Union Commission and the African Union met.", "African Union Commission -> african-union-commission (dictionary)"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := mentionsOf(t, lx, tt.text)
			for _, m := range ms {
				if m == tt.want {
					return
				}
			}
			t.Errorf("mentions of %q = %q, want %q among them", tt.text, ms, tt.want)
		})
	}
}

var noDemonym = map[string]bool{"holy-see-vatican-city-state": true, "taiwan": true, "congo": true,
	"democratic-republic-of-the-congo": true, "dominica": true}

// TestNationsComplete: every state of data/nations.yaml has a demonym, and
// every capital that stands for a government is also a place, so that "in
// Canberra" can be the city.
func TestNationsComplete(t *testing.T) {
	lx := lexiconT(t)
	places := map[string]bool{}
	for _, a := range lx.actorList {
		if a.Kind == graph.Place {
			places[a.Name] = true
			for _, al := range a.Aliases {
				places[al] = true
			}
		}
	}
	states := 0
	for _, a := range lx.actorList {
		if a.Kind != graph.Country || a.Capital == "" {
			continue
		}
		states++
		// The Congos share "Congolese", Dominica and the Dominican Republic
		// "Dominican": such a demonym names neither.
		if len(a.Adjectives) == 0 && !noDemonym[a.ID] {
			t.Errorf("%s: no demonym", a.ID)
		}
		for _, g := range a.Government {
			if g == a.Capital && !places[g] {
				t.Errorf("%s: government name %q is its capital but no place is called so", a.ID, g)
			}
		}
	}
	if states < 180 {
		t.Errorf("%d states have a capital, want the UN's members", states)
	}
	if !strings.Contains(strings.Join(lx.Actors["philippines"].Aliases, "|"), "the Philippines") {
		t.Errorf("philippines aliases = %q", lx.Actors["philippines"].Aliases)
	}
}

// TestOfficials: people of data/officials.yaml are found by name and title,
// and a title without a name resolves to whoever held it on the document's
// date (2024-03-24 here).
func TestOfficials(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		text string
		want string
	}{
		{"Foreign Minister Penny Wong arrived in Manila.", "penny-wong"},
		{"Reporters met the Foreign Secretary of the United Kingdom.", "david-cameron"},
		{"The Prime Minister of Australia spoke to reporters.", "anthony-albanese"},
		{"President Ferdinand R. Marcos Jr. welcomed the delegation.", "ferdinand-marcos-jr"},
		{"NATO Secretary General Jens Stoltenberg spoke.", "jens-stoltenberg"},
		// data/officials-world.yaml: a title and a name, a title and a
		// surname, and a title of a country alone, as of the date above.
		{"Nigeria's Foreign Minister Yusuf Tuggar said the talks went well.", "yusuf-tuggar"},
		{"The Foreign Minister of Nigeria spoke to reporters.", "yusuf-tuggar"},
		{"Foreign Minister Bourita received the delegation in Rabat.", "nasser-bourita"},
		{"Iran's Supreme Leader Ali Khamenei said the talks would continue.", "ali-khamenei"},
		{"The President of Kenya met the Deputy President of South Africa.", "paul-mashatile"},
		{"The Prime Minister of Nepal resigned.", "pushpa-kamal-dahal"},
		{"The Foreign Minister of Chile arrived in Lima.", "alberto-van-klaveren"},
		{"President Tokayev opened the session.", "kassym-jomart-tokayev"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := mentionsOf(t, lx, tt.text)
			for _, m := range ms {
				if strings.Contains(m, "-> "+tt.want+" ") || strings.Contains(m, ","+tt.want+" ") {
					return
				}
			}
			t.Errorf("mentions of %q = %q, want one of %s", tt.text, ms, tt.want)
		})
	}
}

// TestRolesOrdered: every dated role of the vocabulary ends after it begins.
func TestRolesOrdered(t *testing.T) {
	lx := lexiconT(t)
	for _, a := range lx.actorList {
		for _, r := range a.Roles {
			if r.From != "" && r.To != "" && r.To <= r.From {
				t.Errorf("%s: role %s of %s from %s to %s", a.ID, r.Title, r.Of, r.From, r.To)
			}
		}
	}
}

// TestGivenNames: a capitalised pair that opens with a given name of
// data/given-names.txt is a person, whatever the language; words left out
// of that list on purpose do not make one.
func TestGivenNames(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		text   string
		person string // "" for none
	}{
		{"The minister met Siobhán Kelleher on Monday.", "Siobhán Kelleher"},
		{"The minister met Tigran Petrosyan on Monday.", "Tigran Petrosyan"},
		{"The delegation was led by Nomvula Mahlangu.", "Nomvula Mahlangu"},
		{"Officials said Zhang Wenhua would attend.", "Zhang Wenhua"},
		{"Reporters asked Xóchitl Ramírez about the plan.", "Xóchitl Ramírez"},
		{"He praised the Marine Corps for its work.", ""},
		{"They applied to the Grant Program last year.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := mentionsOf(t, lx, tt.text)
			var persons []string
			for _, m := range ms {
				if strings.Contains(m, "(given name ") {
					persons = append(persons, m[:strings.Index(m, " -> ")])
				}
			}
			if got := strings.Join(persons, "|"); got != tt.person {
				t.Errorf("people named in %q = %q, want %q (mentions %q)", tt.text, got, tt.person, ms)
			}
		})
	}
}

// TestBadRoleDateNamesTheFile: a role date that is not a day stops the
// lexicon with an error naming the file, the entry and the date.
func TestBadRoleDateNamesTheFile(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(data.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	fsys["officials.yaml"] = &fstest.MapFile{Data: []byte("- {id: x-y, type: Person, name: X Y, roles: [{title: President, of: canada, from: 2021-13-01}]}\n")}
	_, err = LoadLexicon(fsys)
	if err == nil || !strings.Contains(err.Error(), "officials.yaml") || !strings.Contains(err.Error(), "x-y") || !strings.Contains(err.Error(), "2021-13-01") {
		t.Errorf("LoadLexicon with a bad role date: err = %v, want it to name officials.yaml, x-y and 2021-13-01", err)
	}
}
