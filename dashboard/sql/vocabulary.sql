-- The vocabulary (source types, signal kinds, claim contexts, ...): values, labels and colours.
SELECT vocabulary, value, position, label, colour, description
FROM vocabulary
ORDER BY vocabulary, position
