app_name = "zaken"

urlpatterns: list = []
