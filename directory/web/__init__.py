"""The web layer's shared seams: the request's unit of work (uow.py), forms and their CSRF
re-render (forms.py), paging (paging.py), request parsing used by every blueprint."""
