package loader

import "testing"

// TestConstructionCases covers actions that work against what they name,
// addressees named by plural nouns and examples after "including", agreements named by their parties, on
// sentences written for the test.
func TestConstructionCases(t *testing.T) {
	lx := lexiconT(t)
	runCases(t, lx, []extractCase{
		{name: "urged to abandon: the thing inside is not sought",
			text: "Canada urged Iran to abandon its nuclear weapons.",
			want: []string{"Canada|urged|Iran", "Canada|seeks|~abandon"},
			not:  []string{"Canada|seeks|nuclear weapons"}},
		{name: "committed to end: the issue is not committed to",
			text: "Mexico committed to end human smuggling across the border.",
			not:  []string{"Mexico|committedTo|human smuggling"}},
		{name: "a plural addressee is not sought",
			text: "Canada called on all states to support the Paris Agreement.",
			not:  []string{"Canada|seeks|states", "Canada|seeks|~all states"}},
		{name: "examples after including are objects too",
			text: "Canada and Kenya discussed several issues, including climate change, migration and trade.",
			want: []string{"Canada|discussed|climate change", "Kenya|discussed|migration", "Canada|discussed|trade"}},
		{name: "an agreement named by its parties",
			text: "The Kenya-Uganda trade agreement covers cross-border trade. Kenya and Uganda signed the Kenya-Uganda Border Cooperation Agreement.",
			want: []string{"Kenya|partyTo|Kenya-Uganda trade agreement", "Uganda|partyTo|Kenya-Uganda trade agreement",
				"Kenya|partyTo|Kenya-Uganda Border Cooperation Agreement", "Uganda|signed|Kenya-Uganda Border Cooperation Agreement"}},
		{name: "host a person is met, host an event is hosts",
			text: "Kenya hosted President Ruto. Fiji will host the Pacific Islands Forum Leaders Meeting.",
			want: []string{"Kenya|met|William Ruto", "Fiji|hosts|Pacific Islands Forum Leaders Meeting|expected"},
			not:  []string{"Fiji|met|Pacific Islands Forum Leaders Meeting", "Kenya|met|Ruto."}},
		{name: "we and I in a quotation are its speaker's",
			text: "\"We will support the Paris Agreement,\" said Prime Minister Fumio Kishida. President Joe Biden said: \"I support NATO.\"",
			want: []string{"Japan|supports|Paris Agreement", "Joe Biden|supports|NATO"},
			not:  []string{"Japan|supports|Fumio Kishida"}},
		{name: "a stative passive is the subject's stance",
			text: "Kenya is committed to the Paris Agreement. Uganda is opposed to the tariffs on coffee.",
			want: []string{"Kenya|committedTo|Paris Agreement", "Uganda|opposes|~tariffs"}},
		{name: "a relative clause without a pronoun, object from the parse",
			text: "President Grace Okonjo met President William Ruto. The leaders discussed the Nairobi Declaration on trade they signed in June.",
			want: []string{"Grace Okonjo|signed|Nairobi Declaration", "William Ruto|signed|Nairobi Declaration"}},
		{name: "a circumstance after the object is not the object",
			text: "Canada provided $40 million in humanitarian assistance in response to the crisis in Sudan.",
			want: []string{"Canada|funds|humanitarian assistance"},
			not:  []string{"Canada|funds|Sudan"}},
		{name: "calling on a person with nothing asked is a meeting",
			text: "Senator Penny Wong called on Prime Minister Narendra Modi. Canada called on Iran to release the detainees.",
			want: []string{"Penny Wong|met|Narendra Modi", "Canada|urged|Iran", "Canada|seeks|~release"},
			not:  []string{"Penny Wong|urged|Narendra Modi", "Canada|met|Iran"}},
		{name: "members named after whose, and as members of",
			text: "Kenya discussed the East African Community, whose members include Uganda and Tanzania. Fiji and Tonga, as founding members of the Pacific Islands Forum, welcomed the plan.",
			want: []string{"Uganda|memberOf|East African Community", "Tanzania|memberOf|East African Community", "Fiji|memberOf|Pacific Islands Forum", "Tonga|memberOf|Pacific Islands Forum"}},
	})
}
