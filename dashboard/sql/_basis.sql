-- Expression: the legal basis of red flag `f` written out (law, article, item), as v_red_flags.basis.
f.law || ' ' || f.law_article || coalesce(f.law_item, '')
