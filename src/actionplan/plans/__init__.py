"""Plans: the post-inspection action plan as stored, and how it goes in and comes out."""
