SELECT reason, count(*) AS files
FROM quarantine
GROUP BY reason
ORDER BY files DESC, reason
